"""Domain logic: plain Python taking a DB session and the viewer. No Reflex imports here."""

"""The presentation boundary of revisions: views, their builders and the shared labels.

- ``views``: one frozen class per thing the pages show;
- ``records``: the typed values (rows, cents, datetimes) the services read for the pages;
- ``builders``: views from records and rows, for the reader's time zone and language;
- ``labels``: every amount, date and word of the pages, mails and the CSV history.

It imports no service of the area (the services import it).
"""

"""Messages about typed amounts, shared by every form that reads money."""

MESSAGES = {
    "amount.ambiguous": (
        "“{text}” can be read as two different amounts: type 12500 for twelve thousand five "
        "hundred, or 12.50 for twelve and a half.",
        "«\u00a0{text}\u00a0» peut se lire comme deux montants différents\u00a0: saisissez 12500 "
        "pour douze mille cinq cents, ou 12,50 pour douze et demi.",
    ),
}

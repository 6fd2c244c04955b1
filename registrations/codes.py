"""Ticket codes: six characters a volunteer can read aloud or type on a phone, like `K7Q-2MX`.

Derived from the registration's primary key, so nothing is stored and two registrations can never
share one: the key is multiplied by an odd number modulo 2**30 (a bijection, so codes look
unrelated to each other) and written in Crockford's base 32, which has no I, L, O or U to confuse.
The code is not a secret: it only finds a registration for a logged-in check-in volunteer.
"""

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 6
BITS = 5 * LENGTH
MODULUS = 1 << BITS
MULTIPLIER = 0x2F5A3B1D  # odd: invertible modulo 2**30
INVERSE = pow(MULTIPLIER, -1, MODULUS)
# What people type by mistake, read the Crockford way.
READS_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def ticket_code(pk):
    """The code of the registration with this primary key, `XXX-XXX`."""
    if pk is None or not 0 < pk < MODULUS:
        return ""
    value = (pk * MULTIPLIER) % MODULUS
    chars = []
    for _ in range(LENGTH):
        value, digit = divmod(value, 32)
        chars.append(ALPHABET[digit])
    code = "".join(reversed(chars))
    return f"{code[:3]}-{code[3:]}"


def normalize(text):
    """What was typed, upper case, without spaces or dashes, with look-alikes read right."""
    return "".join(ch for ch in (text or "").upper() if ch not in " -_.").translate(READS_AS)


def pk_from_code(text):
    """The primary key a typed code stands for, or None when it is not a well-formed code."""
    code = normalize(text)
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    value = 0
    for ch in code:
        value = value * 32 + ALPHABET.index(ch)
    pk = (value * INVERSE) % MODULUS
    return pk or None

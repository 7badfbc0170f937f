"""How the programme's lists write a person's sex: one vocabulary for every import that reads it.

Ministry and centre lists write the full word, the identity card's letter (L/P), the register's
two-letter abbreviation (Lk/Pr) or English. Imports compare words by ``imports.cells.choice_key``
("Laki-laki", "LAKI LAKI" and "lakilaki" are one word); ``SEX_LABELS`` is what a suggestion shows.
"""

from inkubator.people.models import Sex

SEX_WORDS: dict[str, str] = {
    **dict.fromkeys(("l", "lk", "laki", "laki-laki", "lelaki", "pria", "m", "male"), Sex.MALE.value),
    **dict.fromkeys(("p", "pr", "perempuan", "wanita", "w", "f", "female"), Sex.FEMALE.value),
}
SEX_LABELS: dict[str, str] = {Sex.MALE.value: "laki-laki", Sex.FEMALE.value: "perempuan"}

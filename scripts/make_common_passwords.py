"""Write portal/accounts/common-passwords.txt: passwords people must not choose.

The list is the 30,000 most common passwords from the zxcvbn package (MIT licence), made from
leaked password lists. To make it again:

    pip install zxcvbn==4.5.0
    python scripts/make_common_passwords.py
"""

from __future__ import annotations

from pathlib import Path

from zxcvbn.frequency_lists import FREQUENCY_LISTS

TARGET = Path(__file__).resolve().parent.parent / "portal/accounts/common-passwords.txt"


def main() -> None:
    words = sorted({word.strip().lower() for word in FREQUENCY_LISTS["passwords"] if word.strip()})
    header = "# The 30,000 most common passwords, from zxcvbn 4.5.0 (MIT licence). One a line.\n"
    TARGET.write_text(header + "\n".join(words) + "\n")
    print(f"wrote {len(words)} passwords to {TARGET}")


if __name__ == "__main__":
    main()

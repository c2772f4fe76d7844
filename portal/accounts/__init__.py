"""Accounts: people, their roles and permissions, passwords, browsers signed in, the security
log and the posting rule. The lowest feature: every other feature may use it; it uses none."""

# Welsh for What's new, and times in words. Applied with scripts/fill_translations.py.
WELSH = {
    "%(day)s at %(time)s": "%(day)s am %(time)s",
    "%(start)s to %(end)s": "%(start)s tan %(end)s",
    "%(time)sam": "%(time)syb",
    "%(time)spm": "%(time)syp",
    "12 noon": "12 hanner dydd",
    "Have a look": "Cael golwg",
    "New": "Newydd",
    "Nothing new yet. We will tell you here when something happens.": "Dim byd newydd eto. Byddwn yn dweud wrthych chi yma pan fydd rhywbeth yn digwydd.",
    "Something changed.": "Mae rhywbeth wedi newid.",
    "This is you.": "Dyma chi.",
    "Today at %(time)s": "Heddiw am %(time)s",
    "Yesterday at %(time)s": "Ddoe am %(time)s",
    "Welcome to the portal. Staff made an account for you.": "Croeso i'r porth. Gwnaeth y staff gyfrif i chi.",
    "What's new": "Beth sy'n newydd",
    "%(num)s new": ("%(num)s newydd",),
}

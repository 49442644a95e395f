"""Licence notices as :func:`wikireuse.attribute` makes them, for render tests.

Written out field by field (not built with ``notice_from_license``) so that
the renderers' tests do not depend on how notices are built.
"""

from __future__ import annotations

from wikireuse.attribution import LicenseNotice

BY_SA_4 = LicenseNotice(
    id="CC-BY-SA-4.0",
    name="Creative Commons Attribution-ShareAlike 4.0 International",
    short_name="CC BY-SA 4.0",
    url="https://creativecommons.org/licenses/by-sa/4.0/",
    kind="license",
    version="4.0",
)
BY_SA_3 = LicenseNotice(
    id="CC-BY-SA-3.0",
    name="Creative Commons Attribution-ShareAlike 3.0 Unported",
    short_name="CC BY-SA 3.0",
    url="https://creativecommons.org/licenses/by-sa/3.0/",
    kind="license",
    version="3.0",
)
BY_4 = LicenseNotice(
    id="CC-BY-4.0",
    name="Creative Commons Attribution 4.0 International",
    short_name="CC BY 4.0",
    url="https://creativecommons.org/licenses/by/4.0/",
    kind="license",
    version="4.0",
)
CC0 = LicenseNotice(
    id="CC0-1.0",
    name="Creative Commons Zero v1.0 Universal",
    short_name="CC0 1.0",
    url="https://creativecommons.org/publicdomain/zero/1.0/",
    kind="waiver",
    version="1.0",
)
PD = LicenseNotice(
    id="LicenseRef-wikireuse-PD",
    name="Public domain",
    short_name="Public domain",
    url="https://commons.wikimedia.org/wiki/Commons:Copyright_tags/Public_domain",
    kind="public-domain",
)

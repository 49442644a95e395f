"""Can these sources go into my work? An offline licence check.

Run: ``python examples/licence_check.py``

A product team reuses a Wikipedia article (text saved before June 2023, so
CC BY-SA 3.0), a Commons photo under CC BY 2.0 and some Wikidata facts (CC0),
and wants to publish an adapted work under CC BY-SA 4.0 — commercially.
"""

from __future__ import annotations

from wikireuse import licenses

SOURCES = ["CC-BY-SA-3.0", "CC-BY-2.0", "CC0-1.0"]


def main() -> None:
    verdict = licenses.check(SOURCES, "CC-BY-SA-4.0", use="adapt", commercial=True)
    print(verdict.explain())
    print()
    print("What else could the adapted work carry?")
    for option in licenses.outbound(SOURCES, use="adapt", commercial=True)[:5]:
        print(f"  {option.license_id}: {option.status}")
    print()
    print("And a CC BY-NC-SA 2.0 photo in the same commercial adaptation?")
    print(
        licenses.check(
            [*SOURCES, "CC-BY-NC-SA-2.0"], "CC-BY-SA-4.0", use="adapt", commercial=True
        ).status
    )


if __name__ == "__main__":
    main()

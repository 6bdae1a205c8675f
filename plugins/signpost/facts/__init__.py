"""Facts: values stated once (helplines, the centre's details, wage rates), with their source.

Pages, services and interface strings name a fact by key, `{{ fact.childline.phone }}`;
the value is filled in for every language, so a number cannot drift between pages
or translations. Each fact has a source, the date it was verified, a review period
and an owner, and is reviewed like a page. MkDocs-free; see docs/facts.md.
"""

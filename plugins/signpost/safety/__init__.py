"""Safety policies for untrusted input: one URL policy, one markup policy, limits. MkDocs-free.

Every module here is a plain function of text (or of the content model)
returning a verdict or Findings, so the build, `signpost check`, the import
and the translation merge apply the same rules. See docs/security.md.
"""

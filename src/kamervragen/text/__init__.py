"""Text: pure helpers on the words and lines of Aanhangsel documents.

Used by the readers (which recognise headings and page furniture while they extract), by
parsing (which reads the structure) and by the search index (which stems the words). It
imports nothing else of kamervragen, so that every layer above can use it.

- :mod:`.normalize`: one line's characters cleaned; names as keys for comparing.
- :mod:`.names`: people's names as the records write them (a surname without initials).
- :mod:`.numbers`: number lists ("2, 3 en 4") expanded.
- :mod:`.headings`: the headings that open a question or an answer.
- :mod:`.furniture`: running headers and footers, ids, page numbers.
- :mod:`.analysis`: Dutch analysis, the stems that are stored and searched.
- :mod:`.hashing`: a text's content hash, the key of its vector.
"""

"""The Whoosh full-text index over reports, sentences, tags, boilerplate flags and citations."""

"""NLP over the corpus: tokenisation, extraction, sentence tagging and boilerplate detection."""

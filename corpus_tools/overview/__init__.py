"""What does the corpus look like? Sizes and sentence lengths (``summary``) and their figures (``plots``)."""

from .summary import corpus_summary, sentence_lengths

__all__ = ["corpus_summary", "sentence_lengths"]

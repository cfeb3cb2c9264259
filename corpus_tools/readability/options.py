"""Settings and warnings shared by the readability analyses."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ReadabilityOptions", "ReadabilityWarning"]


class ReadabilityWarning(UserWarning):
    """Some documents have readability values that could not really be computed."""


@dataclass(frozen=True)
class ReadabilityOptions:
    """Settings of :func:`readability`; the defaults reproduce textstat.

    Attributes
    ----------
    ms_per_char : float, default 14.69
        Reading speed for ``reading_time_s``: milliseconds per non-space
        character, textstat's default (Demberg & Keller 2008 eye-tracking data).
    mattr_window : int, default 50
        Window, in words, of the moving-average type-token ratio. 50 is the
        common choice for texts of news-article length (Covington & McFall
        used 500 on long texts); a document with fewer words gets NaN.
    mtld_threshold : float, default 0.72
        Type-token ratio at which MTLD closes a factor (McCarthy & Jarvis 2010).
    lexical_diversity : bool, default True
        Compute ``type_token_ratio``, ``mattr`` and ``mtld`` (about a sixth of
        the run time); ``False`` leaves them NaN.
    english_only : bool, default True
        The formulas (and their syllable and easy-word rules) are English:
        documents detected in another language
        (:func:`corpus_tools.corpus.english_mask`) get NaN formulas and the
        ``not_english`` flag instead of numbers that mean nothing (a Russian
        article scores Flesch 113). Counts and lexical diversity stay.
        ``False`` computes the formulas for every document.
    """

    ms_per_char: float = 14.69
    mattr_window: int = 50
    mtld_threshold: float = 0.72
    lexical_diversity: bool = True
    english_only: bool = True

    def __post_init__(self) -> None:
        if not self.ms_per_char > 0:
            raise ValueError(f"ReadabilityOptions.ms_per_char must be positive, got "
                             f"{self.ms_per_char!r}")
        if int(self.mattr_window) != self.mattr_window or self.mattr_window < 1:
            raise ValueError(f"ReadabilityOptions.mattr_window must be a positive integer, "
                             f"got {self.mattr_window!r}")
        if not 0 < self.mtld_threshold < 1:
            raise ValueError(f"ReadabilityOptions.mtld_threshold must be between 0 and 1, "
                             f"got {self.mtld_threshold!r}")

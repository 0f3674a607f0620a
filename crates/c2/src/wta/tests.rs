//! Unit tests of the WTA module against hand-computed values.

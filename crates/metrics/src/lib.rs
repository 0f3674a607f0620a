//! Multi-target tracking metrics over plain position sets. (Stub: metrics work.)

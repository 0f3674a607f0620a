//! The parsers of `kizuna`'s input files, as a library so that fuzz targets and tests reach
//! them; the binary (`main.rs`) is the rest of the command-line tool.

pub mod bench_io;

//! A `File` as a `std::io::Read`, read slice by slice with `FileReaderSync` inside the worker,
//! so the engine's parsers stream it and memory stays flat however large the file.

use js_sys::Uint8Array;
use std::io::{self, Read};
use web_sys::{File, FileReaderSync};

/// Bytes read from the `File` at a time.
pub const SLICE_BYTES: u64 = 8 * 1024 * 1024;

pub struct FileRead<'p> {
    file: File,
    reader: FileReaderSync,
    /// The bytes read: `start..end` of the file (all of it, or one part).
    start: u64,
    end: u64,
    offset: u64,
    buffer: Vec<u8>,
    position: usize,
    on_progress: &'p mut dyn FnMut(u64, u64),
}

impl<'p> FileRead<'p> {
    pub fn new(file: File, on_progress: &'p mut dyn FnMut(u64, u64)) -> io::Result<Self> {
        let size = file.size() as u64;
        FileRead::range(file, 0, size, on_progress)
    }

    /// Bytes `start..end` of the file only; progress counts from `start`.
    pub fn range(
        file: File,
        start: u64,
        end: u64,
        on_progress: &'p mut dyn FnMut(u64, u64),
    ) -> io::Result<Self> {
        let reader =
            FileReaderSync::new().map_err(|_| io::Error::other("FileReaderSync is unavailable"))?;
        let end = end.min(file.size() as u64);
        Ok(FileRead {
            file,
            reader,
            start,
            end,
            offset: start.min(end),
            buffer: Vec::new(),
            position: 0,
            on_progress,
        })
    }

    fn fill(&mut self) -> io::Result<()> {
        let end = (self.offset + SLICE_BYTES).min(self.end);
        let blob = self
            .file
            .slice_with_f64_and_f64(self.offset as f64, end as f64)
            .map_err(|_| io::Error::other("the file could not be sliced"))?;
        let array = self.reader.read_as_array_buffer(&blob).map_err(|_| {
            io::Error::other("the browser refused to read the file (was it moved or deleted?)")
        })?;
        let bytes = Uint8Array::new(&array);
        self.buffer.resize(bytes.length() as usize, 0);
        bytes.copy_to(&mut self.buffer);
        self.position = 0;
        self.offset = end;
        (self.on_progress)(self.offset - self.start, self.end - self.start);
        Ok(())
    }
}

impl Read for FileRead<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.position >= self.buffer.len() {
            if self.offset >= self.end {
                return Ok(0);
            }
            self.fill()?;
        }
        let available = &self.buffer[self.position..];
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.position += n;
        Ok(n)
    }
}

/// Bytes `start..end` of a file, read at once (a header, or a window to find a line start in).
pub fn read_range(file: &File, start: u64, end: u64) -> Option<Vec<u8>> {
    let mut ignore = |_, _| {};
    let mut bytes = Vec::new();
    FileRead::range(file.clone(), start, end, &mut ignore)
        .ok()?
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

//! A buffered byte reader that counts what it hands out and takes bytes back: what the zip
//! reader and the DEFLATE decoder pull their input from, one byte or one run at a time.

use std::io::{self, Read};

const BUFFER: usize = 64 * 1024;

pub struct ByteSource<R: Read> {
    inner: R,
    buffer: Vec<u8>,
    at: usize,
    len: usize,
    /// Bytes handed back (the last pushed is read first).
    pushed: Vec<u8>,
    /// Bytes handed out so far (less those handed back): the position in the archive.
    pub position: u64,
}

impl<R: Read> ByteSource<R> {
    pub fn new(inner: R) -> Self {
        ByteSource {
            inner,
            buffer: vec![0; BUFFER],
            at: 0,
            len: 0,
            pushed: Vec::new(),
            position: 0,
        }
    }

    /// The next byte, or `None` at the end of the input.
    pub fn next_byte(&mut self) -> io::Result<Option<u8>> {
        if let Some(b) = self.pushed.pop() {
            self.position += 1;
            return Ok(Some(b));
        }
        if self.at == self.len && !self.refill()? {
            return Ok(None);
        }
        let b = self.buffer[self.at];
        self.at += 1;
        self.position += 1;
        Ok(Some(b))
    }

    /// Gives back a byte that was read ahead.
    pub fn push_back(&mut self, byte: u8) {
        self.pushed.push(byte);
        self.position = self.position.saturating_sub(1);
    }

    fn refill(&mut self) -> io::Result<bool> {
        loop {
            match self.inner.read(&mut self.buffer) {
                Ok(0) => return Ok(false),
                Ok(n) => {
                    self.at = 0;
                    self.len = n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Exactly `out.len()` bytes; `Ok(false)` when the input ends first.
    pub fn read_exact_or_end(&mut self, out: &mut [u8]) -> io::Result<bool> {
        for slot in out.iter_mut() {
            match self.next_byte()? {
                Some(b) => *slot = b,
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// Skips `count` bytes; `Ok(false)` when the input ends first.
    pub fn skip(&mut self, mut count: u64) -> io::Result<bool> {
        while count > 0 {
            if self.pushed.pop().is_some() {
                self.position += 1;
                count -= 1;
                continue;
            }
            if self.at == self.len && !self.refill()? {
                return Ok(false);
            }
            let take = ((self.len - self.at) as u64).min(count) as usize;
            self.at += take;
            self.position += take as u64;
            count -= take as u64;
        }
        Ok(true)
    }

    /// Up to `out.len()` bytes at once (stored members), 0 at the end of the input.
    pub fn read_some(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if let Some(b) = self.pushed.pop() {
            out[0] = b;
            self.position += 1;
            return Ok(1);
        }
        if self.at == self.len && !self.refill()? {
            return Ok(0);
        }
        let take = (self.len - self.at).min(out.len());
        out[..take].copy_from_slice(&self.buffer[self.at..self.at + take]);
        self.at += take;
        self.position += take as u64;
        Ok(take)
    }
}

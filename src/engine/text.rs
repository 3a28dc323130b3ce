//! Text encodings as vendors and spreadsheets write them: a UTF-8 byte-order mark, UTF-16
//! ("Unicode text" from Excel), and Windows-1252 bytes in otherwise UTF-8 files.
//!
//! [`Utf8Reader`] turns any of these into a UTF-8 byte stream, so parsers see one encoding.

use std::borrow::Cow;
use std::io::{self, Read};

/// The encoding found at the start of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    /// Sniffs the first bytes of a file.
    pub fn sniff(head: &[u8]) -> Encoding {
        match head {
            [0xEF, 0xBB, 0xBF, ..] => Encoding::Utf8Bom,
            [0xFF, 0xFE, ..] => Encoding::Utf16Le,
            [0xFE, 0xFF, ..] => Encoding::Utf16Be,
            // No BOM, but ASCII text with every other byte zero.
            [a, 0, b, 0, ..] if *a != 0 && *b != 0 => Encoding::Utf16Le,
            [0, a, 0, b, ..] if *a != 0 && *b != 0 => Encoding::Utf16Be,
            _ => Encoding::Utf8,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with byte-order mark",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
        }
    }

    fn bom_len(self, head: &[u8]) -> usize {
        match self {
            Encoding::Utf8Bom => 3,
            Encoding::Utf16Le if head.starts_with(&[0xFF, 0xFE]) => 2,
            Encoding::Utf16Be if head.starts_with(&[0xFE, 0xFF]) => 2,
            _ => 0,
        }
    }
}

/// Reads UTF-8 out of a stream in any [`Encoding`], dropping the byte-order mark.
pub struct Utf8Reader<R> {
    inner: R,
    encoding: Encoding,
    skip: usize,
    /// UTF-16 input bytes not yet converted (an odd byte, or a lone high surrogate).
    pending_in: Vec<u8>,
    /// Converted UTF-8 bytes not yet handed out.
    pending_out: Vec<u8>,
    out_pos: usize,
    raw: Vec<u8>,
}

impl<R: Read> Utf8Reader<R> {
    /// `head` is the start of the stream as already peeked (it must be at the front of `inner`).
    pub fn new(inner: R, head: &[u8]) -> Self {
        let encoding = Encoding::sniff(head);
        Utf8Reader {
            inner,
            encoding,
            skip: encoding.bom_len(head),
            pending_in: Vec::new(),
            pending_out: Vec::new(),
            out_pos: 0,
            raw: vec![0; 64 * 1024],
        }
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    fn skip_bom(&mut self) -> io::Result<()> {
        while self.skip > 0 {
            let mut byte = [0u8; 1];
            if self.inner.read(&mut byte)? == 0 {
                self.skip = 0;
                break;
            }
            self.skip -= 1;
        }
        Ok(())
    }

    fn fill_utf16(&mut self) -> io::Result<bool> {
        let n = self.inner.read(&mut self.raw)?;
        if n == 0 {
            if !self.pending_in.is_empty() {
                self.pending_in.clear();
                self.pending_out.extend_from_slice("\u{FFFD}".as_bytes());
                return Ok(true);
            }
            return Ok(false);
        }
        self.pending_in.extend_from_slice(&self.raw[..n]);
        let little = self.encoding == Encoding::Utf16Le;
        let units = self.pending_in.len() / 2;
        let mut words: Vec<u16> = (0..units)
            .map(|i| {
                let pair = [self.pending_in[2 * i], self.pending_in[2 * i + 1]];
                if little {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        // Keep a trailing high surrogate for the next read.
        let mut keep = self.pending_in.len() % 2;
        if let Some(last) = words.last() {
            if (0xD800..0xDC00).contains(last) {
                words.pop();
                keep += 2;
            }
        }
        for ch in char::decode_utf16(words.iter().copied()) {
            let ch = ch.unwrap_or('\u{FFFD}');
            let mut buf = [0u8; 4];
            self.pending_out
                .extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
        let consumed = self.pending_in.len() - keep;
        self.pending_in.drain(..consumed);
        Ok(true)
    }
}

impl<R: Read> Read for Utf8Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.skip_bom()?;
        match self.encoding {
            Encoding::Utf8 | Encoding::Utf8Bom => self.inner.read(buf),
            Encoding::Utf16Le | Encoding::Utf16Be => {
                while self.out_pos >= self.pending_out.len() {
                    self.pending_out.clear();
                    self.out_pos = 0;
                    if !self.fill_utf16()? {
                        return Ok(0);
                    }
                }
                let available = &self.pending_out[self.out_pos..];
                let n = available.len().min(buf.len());
                buf[..n].copy_from_slice(&available[..n]);
                self.out_pos += n;
                Ok(n)
            }
        }
    }
}

/// Decodes one field: UTF-8 when valid, else Windows-1252 (an Excel re-save).
pub fn decode_field(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
    }
}

fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[(byte - 0x80) as usize],
        _ => char::from(byte),
    }
}

/// Decodes a small head of a file (for detection) into text, whatever its encoding.
pub fn head_text(head: &[u8]) -> String {
    let mut reader = Utf8Reader::new(head, head);
    let mut out = Vec::new();
    // Reading from a slice cannot fail.
    let _ = reader.read_to_end(&mut out);
    decode_field(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for unit in text.encode_utf16() {
            out.extend_from_slice(&unit.to_le_bytes());
        }
        out
    }

    #[test]
    fn reads_utf16_with_and_without_bom_in_tiny_reads() {
        let text = "email,messages\r\nzoë@example.com,3\r\n😀\n";
        for bom in [true, false] {
            let bytes = utf16le(text, bom);
            let mut reader = Utf8Reader::new(&bytes[..], &bytes[..bytes.len().min(64)]);
            let mut out = Vec::new();
            let mut buf = [0u8; 3];
            loop {
                let n = reader.read(&mut buf).expect("slice read");
                if n == 0 {
                    break;
                }
                out.extend_from_slice(&buf[..n]);
            }
            assert_eq!(String::from_utf8(out).expect("valid UTF-8"), text);
            assert_eq!(head_text(&bytes), text);
        }
    }

    #[test]
    fn drops_utf8_bom_and_decodes_windows_1252_fields() {
        let bytes = b"\xEF\xBB\xBFemail\n";
        assert_eq!(head_text(bytes), "email\n");
        assert_eq!(decode_field(b"Jos\xe9 \x80"), "José €");
        assert_eq!(decode_field("José".as_bytes()), "José");
    }
}

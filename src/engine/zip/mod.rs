//! A small zip reader for the archives vendors send (the ChatGPT "Export data" zip): it walks
//! the local file headers in order, skipping members, and streams the one member asked for,
//! stored or deflated ([`inflate`]), checking its CRC-32 at the end. Memory is bounded (a
//! buffer, the DEFLATE window) however large the archive, and nothing is read twice, so it
//! works on the worker's one-pass file stream. Encrypted members, zip64 members and
//! compression methods other than stored and deflate are refused with a message.

pub mod inflate;
pub mod source;

use inflate::Inflate;
use source::ByteSource;
use std::io::{self, Read};

/// Why an archive, or the member wanted from it, cannot be read.
#[derive(Clone, Debug, PartialEq)]
pub struct ZipError {
    pub message: String,
    pub hint: String,
    /// True when the problem is the wanted member itself (false: the walk to it failed).
    pub at_wanted: bool,
}

fn walk_error(message: String) -> ZipError {
    ZipError {
        message,
        hint: "Download the archive again, or unzip it and add the file inside.".into(),
        at_wanted: false,
    }
}

fn member_error(message: String, hint: &str) -> ZipError {
    ZipError {
        message,
        hint: hint.into(),
        at_wanted: true,
    }
}

const LOCAL: &[u8; 4] = b"PK\x03\x04";
const CENTRAL: &[u8; 4] = b"PK\x01\x02";
const END: &[u8; 4] = b"PK\x05\x06";
const DESCRIPTOR: &[u8; 4] = b"PK\x07\x08";

/// One local file header.
struct Header {
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    name: String,
    zip64: bool,
}

impl Header {
    fn streamed(&self) -> bool {
        self.flags & 0x08 != 0
    }
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}
fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn io_walk(e: io::Error) -> ZipError {
    walk_error(format!("The zip archive could not be read: {e}."))
}

/// Reads the header after its signature; `None` when the archive ends inside it.
fn read_header<R: Read>(source: &mut ByteSource<R>) -> Result<Option<Header>, ZipError> {
    let mut fixed = [0u8; 26];
    if !source.read_exact_or_end(&mut fixed).map_err(io_walk)? {
        return Ok(None);
    }
    let name_len = usize::from(u16_at(&fixed, 22));
    let extra_len = usize::from(u16_at(&fixed, 24));
    let mut name = vec![0u8; name_len];
    let mut extra = vec![0u8; extra_len];
    if !source.read_exact_or_end(&mut name).map_err(io_walk)?
        || !source.read_exact_or_end(&mut extra).map_err(io_walk)?
    {
        return Ok(None);
    }
    let mut header = Header {
        flags: u16_at(&fixed, 2),
        method: u16_at(&fixed, 4),
        crc: u32_at(&fixed, 10),
        compressed: u64::from(u32_at(&fixed, 14)),
        size: u64::from(u32_at(&fixed, 18)),
        name: String::from_utf8_lossy(&name).into_owned(),
        zip64: false,
    };
    if header.compressed == 0xFFFF_FFFF || header.size == 0xFFFF_FFFF {
        header.zip64 = true;
        // The zip64 extra field (0x0001) holds the 64-bit sizes that are 0xFFFFFFFF above,
        // uncompressed size first.
        let mut at = 0;
        while at + 4 <= extra.len() {
            let (id, len) = (u16_at(&extra, at), usize::from(u16_at(&extra, at + 2)));
            let body = extra.get(at + 4..at + 4 + len).unwrap_or(&[]);
            if id == 1 {
                let mut fields = body
                    .chunks_exact(8)
                    .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
                if header.size == 0xFFFF_FFFF {
                    header.size = fields.next().unwrap_or(u64::MAX);
                }
                if header.compressed == 0xFFFF_FFFF {
                    header.compressed = fields.next().unwrap_or(u64::MAX);
                }
            }
            at += 4 + len;
        }
    }
    Ok(Some(header))
}

/// Walks the archive to the first member whose name `wanted` accepts and returns a reader of
/// its content. `Ok(None)`: the archive has no such member.
pub fn find_member<R: Read>(
    reader: R,
    wanted: impl Fn(&str) -> bool,
) -> Result<Option<Member<R>>, ZipError> {
    let mut source = ByteSource::new(reader);
    loop {
        let mut signature = [0u8; 4];
        if !source.read_exact_or_end(&mut signature).map_err(io_walk)? {
            return Err(walk_error(
                "The zip archive ends before its table of contents: it was cut short.".into(),
            ));
        }
        if &signature == CENTRAL || &signature == END {
            return Ok(None);
        }
        if &signature != LOCAL {
            return Err(walk_error(format!(
                "The zip archive is damaged: at byte {} a member header was expected.",
                source.position - 4
            )));
        }
        let Some(header) = read_header(&mut source)? else {
            return Err(walk_error(
                "The zip archive ends inside a member header: it was cut short.".into(),
            ));
        };
        if wanted(&header.name) {
            return open(source, header).map(Some);
        }
        source = skip(source, &header)?;
    }
}

/// Moves past a member that is not wanted.
fn skip<R: Read>(mut source: ByteSource<R>, header: &Header) -> Result<ByteSource<R>, ZipError> {
    let cut = || {
        walk_error(format!(
            "The zip archive ends inside \"{}\": it was cut short.",
            header.name
        ))
    };
    if !header.streamed() {
        if !source.skip(header.compressed).map_err(io_walk)? {
            return Err(cut());
        }
        return Ok(source);
    }
    if header.method != 8 {
        return Err(walk_error(format!(
            "The zip archive stores \"{}\" without its size, so the members after it cannot be found.",
            header.name
        )));
    }
    // A deflated member with its sizes after the data: decode it to find its end.
    let mut inflate = Inflate::new(source);
    let mut sink = vec![0u8; 16 * 1024];
    loop {
        match inflate.read(&mut sink) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(walk_error(format!(
                    "The zip archive is damaged inside \"{}\": {e}.",
                    header.name
                )))
            }
        }
    }
    let mut source = inflate.into_source();
    read_descriptor(&mut source, header.zip64).map_err(io_walk)?;
    Ok(source)
}

/// Reads a data descriptor (optional signature, CRC-32, sizes) and returns its CRC-32.
fn read_descriptor<R: Read>(source: &mut ByteSource<R>, zip64: bool) -> io::Result<Option<u32>> {
    let mut first = [0u8; 4];
    if !source.read_exact_or_end(&mut first)? {
        return Ok(None);
    }
    let crc = if &first == DESCRIPTOR {
        let mut crc = [0u8; 4];
        if !source.read_exact_or_end(&mut crc)? {
            return Ok(None);
        }
        u32::from_le_bytes(crc)
    } else {
        u32::from_le_bytes(first)
    };
    source.skip(if zip64 { 16 } else { 8 })?;
    Ok(Some(crc))
}

fn open<R: Read>(source: ByteSource<R>, header: Header) -> Result<Member<R>, ZipError> {
    let name = &header.name;
    if header.flags & 0x01 != 0 {
        return Err(member_error(
            format!("\"{name}\" in the zip archive is encrypted (password-protected)."),
            "Unzip it with its password and add the file inside.",
        ));
    }
    if header.zip64 {
        return Err(member_error(
            format!("\"{name}\" in the zip archive is a zip64 member (over 4 GB, or written by a tool that always uses zip64), which Uptake does not read."),
            "Unzip the archive and add the file inside.",
        ));
    }
    let body = match header.method {
        0 if header.streamed() => {
            return Err(member_error(
                format!("\"{name}\" in the zip archive is stored without its size."),
                "Unzip the archive and add the file inside.",
            ))
        }
        0 => Body::Stored {
            source,
            remaining: header.compressed,
        },
        8 => Body::Deflated(Box::new(Inflate::new(source))),
        method => {
            return Err(member_error(
                format!("\"{name}\" in the zip archive is compressed with method {method}; only stored and deflated members are read."),
                "Unzip the archive and add the file inside.",
            ))
        }
    };
    Ok(Member {
        crc: Crc32::default(),
        written: 0,
        done: false,
        header,
        body,
    })
}

enum Body<R: Read> {
    Stored {
        source: ByteSource<R>,
        remaining: u64,
    },
    Deflated(Box<Inflate<R>>),
    Spent,
}

/// The content of one member, read once; a damaged or cut member is an `InvalidData` error
/// naming it.
pub struct Member<R: Read> {
    header: Header,
    body: Body<R>,
    crc: Crc32,
    written: u64,
    done: bool,
}

impl<R: Read> Member<R> {
    pub fn name(&self) -> &str {
        &self.header.name
    }

    fn damaged(&self, what: impl std::fmt::Display) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "\"{}\" in the zip archive is damaged: {what}",
                self.header.name
            ),
        )
    }

    /// At the end of the data: the CRC-32 (from the header or the data descriptor) and the
    /// size must match.
    fn check(&mut self) -> io::Result<()> {
        self.done = true;
        let expected = match std::mem::replace(&mut self.body, Body::Spent) {
            Body::Deflated(inflate) if self.header.streamed() => {
                let mut source = inflate.into_source();
                read_descriptor(&mut source, false)?
            }
            _ => Some(self.header.crc),
        };
        if !self.header.streamed() && self.written != self.header.size {
            return Err(self.damaged(format!(
                "it holds {} bytes where its header says {}",
                self.written, self.header.size
            )));
        }
        if let Some(expected) = expected {
            if expected != self.crc.value() {
                return Err(self.damaged("its checksum (CRC-32) does not match"));
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Member<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.done || out.is_empty() {
            return Ok(0);
        }
        let n = match &mut self.body {
            Body::Stored { source, remaining } => {
                let cap = (*remaining).min(out.len() as u64) as usize;
                if cap == 0 {
                    0
                } else {
                    let n = source.read_some(&mut out[..cap])?;
                    if n == 0 {
                        return Err(self.damaged("the archive is cut short"));
                    }
                    *remaining -= n as u64;
                    n
                }
            }
            Body::Deflated(inflate) => match inflate.read(out) {
                Ok(n) => n,
                Err(e) => return Err(self.damaged(e)),
            },
            Body::Spent => 0,
        };
        if n == 0 {
            self.check()?;
            return Ok(0);
        }
        self.crc.update(&out[..n]);
        self.written += n as u64;
        Ok(n)
    }
}

/// CRC-32 (IEEE, as zip uses it).
#[derive(Default)]
pub struct Crc32(u32);

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

impl Crc32 {
    pub fn update(&mut self, bytes: &[u8]) {
        let mut c = !self.0;
        for &b in bytes {
            c = CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
        }
        self.0 = !c;
    }

    pub fn value(&self) -> u32 {
        self.0
    }
}

#[cfg(test)]
mod tests;

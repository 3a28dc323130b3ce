//! DEFLATE (RFC 1951), streamed: a `Read` of the decompressed bytes over a `Read` of the
//! compressed ones. Memory is fixed (a 32 KiB window, two decoding tables, an input buffer)
//! whatever the size of the stream. Stored, fixed-Huffman and dynamic-Huffman blocks are read;
//! anything malformed is an `io::Error` of kind `InvalidData` that says what was wrong, never
//! a panic. The input is pulled one byte at a time from [`ByteSource`], so the bytes after the
//! stream's end are left unread (a zip's next member or data descriptor).

use super::source::ByteSource;
use std::io::{self, Read};

const WINDOW: usize = 32 * 1024;
/// The longest code DEFLATE allows; tables are indexed by this many bits.
const MAX_BITS: usize = 15;

/// Length base and extra bits for length codes 257–285.
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Distance base and extra bits for distance codes 0–29.
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order code-length code lengths are sent in (dynamic blocks).
const CLEN_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

fn bad(what: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.into())
}

/// A canonical Huffman code as a lookup table indexed by the next `bits` input bits (least
/// significant first): each entry is `symbol << 4 | length`, 0 where no code lands.
struct Huffman {
    table: Vec<u32>,
    bits: usize,
}

impl Huffman {
    /// Builds the table from code lengths (0 = symbol unused). Refuses over-subscribed codes;
    /// an incomplete code is allowed (RFC 1951 permits one-code distance trees), and decoding
    /// a hole is an error.
    fn new(lengths: &[u8]) -> io::Result<Huffman> {
        let mut count = [0u32; MAX_BITS + 1];
        for &l in lengths {
            count[l as usize] += 1;
        }
        count[0] = 0;
        let bits = (1..=MAX_BITS).rev().find(|&b| count[b] > 0).unwrap_or(1);
        let mut left: i64 = 1;
        for &c in &count[1..] {
            left = (left << 1) - i64::from(c);
            if left < 0 {
                return Err(bad("a Huffman code is over-subscribed"));
            }
        }
        let mut next = [0u32; MAX_BITS + 2];
        for b in 1..=MAX_BITS {
            next[b + 1] = (next[b] + count[b]) << 1;
        }
        let mut table = vec![0u32; 1 << bits];
        for (symbol, &len) in lengths.iter().enumerate() {
            let len = len as usize;
            if len == 0 {
                continue;
            }
            let code = next[len];
            next[len] += 1;
            // Reverse the code: DEFLATE sends Huffman codes most significant bit first.
            let mut reversed = 0usize;
            for i in 0..len {
                reversed |= (((code >> i) & 1) as usize) << (len - 1 - i);
            }
            let entry = (symbol as u32) << 4 | len as u32;
            let mut at = reversed;
            while at < table.len() {
                table[at] = entry;
                at += 1 << len;
            }
        }
        Ok(Huffman { table, bits })
    }
}

enum Block {
    /// Between blocks: read the next header (or stop after the last).
    Header,
    Stored {
        remaining: u32,
    },
    Codes {
        literals: Huffman,
        distances: Huffman,
    },
    Done,
}

/// The decompressed bytes of one DEFLATE stream.
pub struct Inflate<R: Read> {
    source: ByteSource<R>,
    bit_buffer: u64,
    bit_count: u32,
    window: Vec<u8>,
    window_at: usize,
    block: Block,
    last_block: bool,
    /// A back-reference still being copied: (bytes left, distance).
    copying: (usize, usize),
    /// Decompressed bytes so far.
    pub written: u64,
}

impl<R: Read> Inflate<R> {
    pub fn new(source: ByteSource<R>) -> Self {
        Inflate {
            source,
            bit_buffer: 0,
            bit_count: 0,
            window: vec![0; WINDOW],
            window_at: 0,
            block: Block::Header,
            last_block: false,
            copying: (0, 0),
            written: 0,
        }
    }

    /// The input, positioned just after the stream once it is [`Inflate::finished`].
    pub fn into_source(self) -> ByteSource<R> {
        self.source
    }

    /// True once the final block has been read to its end.
    pub fn finished(&self) -> bool {
        matches!(self.block, Block::Done)
    }

    /// Tops the bit buffer up to at least `n` bits, or as many as the input has.
    fn fill(&mut self, n: u32) -> io::Result<()> {
        while self.bit_count < n {
            match self.source.next_byte()? {
                Some(b) => {
                    self.bit_buffer |= u64::from(b) << self.bit_count;
                    self.bit_count += 8;
                }
                None => break,
            }
        }
        Ok(())
    }

    fn bits(&mut self, n: u32) -> io::Result<u32> {
        if n == 0 {
            return Ok(0);
        }
        self.fill(n)?;
        if self.bit_count < n {
            return Err(truncated());
        }
        let value = (self.bit_buffer & ((1u64 << n) - 1)) as u32;
        self.bit_buffer >>= n;
        self.bit_count -= n;
        Ok(value)
    }

    fn decode(&mut self, which: Which) -> io::Result<u32> {
        let bits = match (&self.block, which) {
            (Block::Codes { literals, .. }, Which::Literals) => literals.bits,
            (Block::Codes { distances, .. }, Which::Distances) => distances.bits,
            _ => return Err(bad("internal: no Huffman table")),
        };
        self.fill(bits as u32)?;
        let index = (self.bit_buffer & ((1u64 << bits) - 1)) as usize;
        let entry = match (&self.block, which) {
            (Block::Codes { literals, .. }, Which::Literals) => literals.table[index],
            (Block::Codes { distances, .. }, Which::Distances) => distances.table[index],
            _ => 0,
        };
        let len = entry & 15;
        if len == 0 || len > self.bit_count {
            return Err(if len > self.bit_count {
                truncated()
            } else {
                bad("a code that the block's Huffman table does not define")
            });
        }
        self.bit_buffer >>= len;
        self.bit_count -= len;
        Ok(entry >> 4)
    }

    fn header(&mut self) -> io::Result<()> {
        if self.last_block {
            self.block = Block::Done;
            // The stream ends on a byte boundary: drop the padding bits, and hand back the whole
            // bytes read ahead (they belong to what follows the stream).
            let padding = self.bit_count % 8;
            let ahead = self.bit_count / 8;
            for k in (0..ahead).rev() {
                self.source
                    .push_back((self.bit_buffer >> (padding + 8 * k)) as u8);
            }
            self.bit_buffer = 0;
            self.bit_count = 0;
            return Ok(());
        }
        self.last_block = self.bits(1)? == 1;
        self.block = match self.bits(2)? {
            0 => {
                // Stored: skip to a byte boundary, then LEN and its complement.
                let drop = self.bit_count % 8;
                self.bits(drop)?;
                let len = self.bits(16)?;
                let nlen = self.bits(16)?;
                if len != !nlen & 0xFFFF {
                    return Err(bad(
                        "a stored block's length does not match its check value",
                    ));
                }
                Block::Stored { remaining: len }
            }
            1 => {
                let mut lengths = [0u8; 288 + 32];
                lengths[..144].fill(8);
                lengths[144..256].fill(9);
                lengths[256..280].fill(7);
                lengths[280..288].fill(8);
                lengths[288..].fill(5);
                Block::Codes {
                    literals: Huffman::new(&lengths[..288])?,
                    distances: Huffman::new(&lengths[288..])?,
                }
            }
            2 => self.dynamic()?,
            _ => return Err(bad("a block of the reserved type 3")),
        };
        Ok(())
    }

    fn dynamic(&mut self) -> io::Result<Block> {
        let literal_count = self.bits(5)? as usize + 257;
        let distance_count = self.bits(5)? as usize + 1;
        let clen_count = self.bits(4)? as usize + 4;
        if literal_count > 286 || distance_count > 30 {
            return Err(bad("a dynamic block declares too many codes"));
        }
        let mut clen = [0u8; 19];
        for &at in &CLEN_ORDER[..clen_count] {
            clen[at] = self.bits(3)? as u8;
        }
        let clen_code = Huffman::new(&clen)?;
        let mut lengths = [0u8; 286 + 30];
        let total = literal_count + distance_count;
        let mut i = 0;
        while i < total {
            self.fill(clen_code.bits as u32)?;
            let entry =
                clen_code.table[(self.bit_buffer & ((1u64 << clen_code.bits) - 1)) as usize];
            let len = entry & 15;
            if len == 0 || len > self.bit_count {
                return Err(if len > self.bit_count {
                    truncated()
                } else {
                    bad("an undefined code-length code")
                });
            }
            self.bit_buffer >>= len;
            self.bit_count -= len;
            let symbol = entry >> 4;
            let (value, repeat) = match symbol {
                0..=15 => (symbol as u8, 1),
                16 => {
                    let Some(&previous) = i.checked_sub(1).and_then(|p| lengths.get(p)) else {
                        return Err(bad("a repeat code with no length before it"));
                    };
                    (previous, 3 + self.bits(2)? as usize)
                }
                17 => (0, 3 + self.bits(3)? as usize),
                _ => (0, 11 + self.bits(7)? as usize),
            };
            if i + repeat > total {
                return Err(bad("code lengths run past the declared count"));
            }
            lengths[i..i + repeat].fill(value);
            i += repeat;
        }
        if lengths[256] == 0 {
            return Err(bad("a dynamic block without an end-of-block code"));
        }
        Ok(Block::Codes {
            literals: Huffman::new(&lengths[..literal_count])?,
            distances: Huffman::new(&lengths[literal_count..total])?,
        })
    }

    fn put(&mut self, byte: u8, out: &mut [u8], n: &mut usize) {
        self.window[self.window_at] = byte;
        self.window_at = (self.window_at + 1) % WINDOW;
        out[*n] = byte;
        *n += 1;
    }
}

#[derive(Clone, Copy)]
enum Which {
    Literals,
    Distances,
}

fn truncated() -> io::Error {
    bad("the compressed data ends early (the archive is cut short)")
}

impl<R: Read> Read for Inflate<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let mut n = 0;
        while n < out.len() {
            if self.copying.0 > 0 {
                let (left, distance) = self.copying;
                let take = left.min(out.len() - n);
                for _ in 0..take {
                    let byte = self.window[(self.window_at + WINDOW - distance) % WINDOW];
                    self.put(byte, out, &mut n);
                }
                self.copying.0 -= take;
                continue;
            }
            match &mut self.block {
                Block::Done => break,
                Block::Header => self.header()?,
                Block::Stored { remaining: 0 } => self.block = Block::Header,
                Block::Stored { remaining } => {
                    let take = (*remaining as usize).min(out.len() - n);
                    *remaining -= take as u32;
                    for _ in 0..take {
                        let byte = self.bits(8)? as u8;
                        self.put(byte, out, &mut n);
                    }
                }
                Block::Codes { .. } => {
                    let symbol = self.decode(Which::Literals)?;
                    match symbol {
                        0..=255 => self.put(symbol as u8, out, &mut n),
                        256 => self.block = Block::Header,
                        257..=285 => {
                            let code = (symbol - 257) as usize;
                            let length = usize::from(LENGTH_BASE[code])
                                + self.bits(u32::from(LENGTH_EXTRA[code]))? as usize;
                            let d = self.decode(Which::Distances)? as usize;
                            if d >= 30 {
                                return Err(bad("an invalid distance code"));
                            }
                            let distance = usize::from(DIST_BASE[d])
                                + self.bits(u32::from(DIST_EXTRA[d]))? as usize;
                            if distance as u64 > self.written + n as u64 {
                                return Err(bad("a back-reference before the start of the data"));
                            }
                            self.copying = (length, distance);
                        }
                        _ => return Err(bad("an invalid length code")),
                    }
                }
            }
        }
        self.written += n as u64;
        Ok(n)
    }
}

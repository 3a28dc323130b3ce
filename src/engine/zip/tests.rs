//! The decoder on the three block types (fixtures made with Python's zlib, raw DEFLATE), the
//! archive walk (stored, deflated, streamed members; fixtures made with Python's zipfile), and
//! cut or damaged input: a message, never a panic.

use super::inflate::Inflate;
use super::source::ByteSource;
use super::*;

macro_rules! fixtures {
    ($($name:literal),*) => {
        fn fixture(name: &str) -> Vec<u8> {
            match name {
                $($name => include_bytes!(concat!("../../../tests/fixtures/zip/", $name)).to_vec(),)*
                _ => Vec::new(),
            }
        }
    };
}

fixtures!(
    "stored.deflate",
    "stored.txt",
    "fixed.deflate",
    "fixed.txt",
    "dynamic.deflate",
    "dynamic.txt",
    "two.zip",
    "streamed.zip"
);

fn inflate_all(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    // A small buffer so back-references straddle reads.
    let mut chunk = [0u8; 7];
    let mut inflate = Inflate::new(ByteSource::new(bytes));
    loop {
        let n = inflate.read(&mut chunk)?;
        if n == 0 {
            return Ok(out);
        }
        out.extend_from_slice(&chunk[..n]);
    }
}

#[test]
fn stored_fixed_and_dynamic_blocks_decode_to_the_original() {
    for name in ["stored", "fixed", "dynamic"] {
        let packed = fixture(&format!("{name}.deflate"));
        let plain = fixture(&format!("{name}.txt"));
        assert!(!packed.is_empty() && !plain.is_empty(), "{name} fixture");
        // The first three bits say the block type: 0 stored, 1 fixed, 2 dynamic.
        let block_type = (packed[0] >> 1) & 3;
        let expected_type = ["stored", "fixed", "dynamic"]
            .iter()
            .position(|n| *n == name);
        assert_eq!(Some(block_type as usize), expected_type, "{name}");
        assert_eq!(inflate_all(&packed).ok(), Some(plain), "{name}");
    }
}

#[test]
fn the_decoder_leaves_the_bytes_after_the_stream_unread() {
    let mut bytes = fixture("fixed.deflate");
    bytes.extend_from_slice(b"NEXT");
    let mut inflate = Inflate::new(ByteSource::new(&bytes[..]));
    let mut out = Vec::new();
    inflate.read_to_end(&mut out).ok();
    assert_eq!(out, fixture("fixed.txt"));
    let mut source = inflate.into_source();
    let mut rest = [0u8; 4];
    assert_eq!(source.read_exact_or_end(&mut rest).ok(), Some(true));
    assert_eq!(&rest, b"NEXT");
}

#[test]
fn cut_or_damaged_streams_are_errors_not_panics() {
    let dynamic = fixture("dynamic.deflate");
    for cut in [1, 2, 10, 100, dynamic.len() / 2, dynamic.len() - 1] {
        let error = inflate_all(&dynamic[..cut]).expect_err("cut");
        assert_eq!(error.kind(), io::ErrorKind::InvalidData, "cut at {cut}");
    }
    assert_eq!(
        inflate_all(&dynamic[..40]).map_err(|e| e.to_string()).err(),
        Some("the compressed data ends early (the archive is cut short)".to_string())
    );
    // Block type 3 is reserved: first byte 0b111 = final block, type 3.
    assert_eq!(
        inflate_all(&[0x07, 0, 0]).map_err(|e| e.to_string()).err(),
        Some("a block of the reserved type 3".to_string())
    );
    // A stored block whose LEN and NLEN disagree.
    assert_eq!(
        inflate_all(&[0x01, 0x05, 0x00, 0x00, 0x00])
            .map_err(|e| e.to_string())
            .err(),
        Some("a stored block's length does not match its check value".to_string())
    );
    // Every single-byte corruption of the dynamic stream ends in data or an error, never a
    // panic (each byte flipped in turn).
    for at in 0..dynamic.len().min(400) {
        let mut broken = dynamic.clone();
        broken[at] ^= 0x5A;
        let _ = inflate_all(&broken);
    }
}

fn member_text(bytes: &[u8], name: &str) -> Result<Option<String>, String> {
    match find_member(bytes, |n| n == name) {
        Ok(Some(mut member)) => {
            let mut out = String::new();
            member.read_to_string(&mut out).map_err(|e| e.to_string())?;
            Ok(Some(out))
        }
        Ok(None) => Ok(None),
        Err(e) => Err(e.message),
    }
}

#[test]
fn members_are_found_after_deflated_and_streamed_ones() {
    let two = fixture("two.zip");
    assert_eq!(member_text(&two, "data.txt"), Ok(Some("the data\n".into())));
    assert_eq!(
        member_text(&two, "notes/readme.txt").map(|t| t.map(|t| t.len())),
        Ok(Some(600))
    );
    assert_eq!(member_text(&two, "absent.txt"), Ok(None));
    // skip.txt is deflated with its sizes after the data (flag bit 3): the walk decodes it to
    // find the next header.
    let streamed = fixture("streamed.zip");
    assert_eq!(
        member_text(&streamed, "data.txt"),
        Ok(Some("after a streamed member\n".into()))
    );
}

#[test]
fn damaged_cut_encrypted_and_zip64_members_say_so() {
    let two = fixture("two.zip");
    // Cut inside the first member's data.
    assert_eq!(
        member_text(&two[..50], "data.txt"),
        Err("The zip archive ends inside \"notes/readme.txt\": it was cut short.".into())
    );
    // A flipped byte in the stored member's data fails its CRC-32.
    let at = two.windows(8).position(|w| w == b"the data").unwrap_or(0);
    let mut flipped = two.clone();
    flipped[at] = b'T';
    assert_eq!(
        member_text(&flipped, "data.txt"),
        Err(
            "\"data.txt\" in the zip archive is damaged: its checksum (CRC-32) does not match"
                .into()
        )
    );
    // Encrypted (flag bit 0) and zip64 (sizes 0xFFFFFFFF) headers of the wanted member.
    let mut encrypted = two.clone();
    encrypted[6] |= 1;
    assert_eq!(
        find_member(&encrypted[..], |n| n == "notes/readme.txt")
            .err()
            .map(|e| e.message),
        Some("\"notes/readme.txt\" in the zip archive is encrypted (password-protected).".into())
    );
    let mut zip64 = two.clone();
    zip64[18..22].copy_from_slice(&[0xFF; 4]);
    assert!(find_member(&zip64[..], |n| n == "notes/readme.txt")
        .err()
        .is_some_and(|e| e.at_wanted && e.message.contains("zip64")));
    // Not a header where one should be.
    assert_eq!(
        member_text(b"PK\x03\x04", "x"),
        Err("The zip archive ends inside a member header: it was cut short.".into())
    );
}

#[test]
fn crc32_of_a_known_string() {
    // The standard check value of CRC-32/ISO-HDLC.
    let mut crc = Crc32::default();
    crc.update(b"123456789");
    assert_eq!(crc.value(), 0xCBF4_3926);
}

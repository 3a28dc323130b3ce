//! Sealing and opening passphrase-protected snapshots with the browser's Web Crypto:
//! PBKDF2-HMAC-SHA256 (parameters from the header) derives an AES-256-GCM key; the header line
//! is the additional authenticated data. The file layout is `engine::snapshot::sealed`.

use crate::engine::snapshot::sealed::{self, SealedHeader};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto, WorkerGlobalScope};

fn crypto() -> Result<web_sys::Crypto, String> {
    js_sys::global()
        .dyn_into::<WorkerGlobalScope>()
        .map_err(|_| "not in a worker".to_string())?
        .crypto()
        .map_err(|_| "Web Crypto is not available in this browser".to_string())
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

fn fail(what: &'static str) -> impl Fn(JsValue) -> String {
    move |e| format!("{what}: {e:?}")
}

fn bytes(data: &[u8]) -> JsValue {
    Uint8Array::from(data).into()
}

async fn key_for(
    subtle: &SubtleCrypto,
    passphrase: &str,
    header: &SealedHeader,
) -> Result<CryptoKey, String> {
    let usages = Array::of1(&"deriveKey".into());
    let raw: Object = Uint8Array::from(passphrase.as_bytes()).into();
    let base = JsFuture::from(
        subtle
            .import_key_with_str("raw", &raw, "PBKDF2", false, &usages)
            .map_err(fail("import"))?,
    )
    .await
    .map_err(fail("import"))?;
    let params = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", bytes(&header.salt_bytes())),
        ("iterations", header.iterations.into()),
    ]);
    let target = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = JsFuture::from(
        subtle
            .derive_key_with_object_and_object(
                &params,
                &base.unchecked_into(),
                &target,
                false,
                &usages,
            )
            .map_err(fail("derive"))?,
    )
    .await
    .map_err(fail("derive"))?;
    Ok(key.unchecked_into())
}

fn gcm(header: &SealedHeader, aad: &[u8]) -> Object {
    object(&[
        ("name", "AES-GCM".into()),
        ("iv", bytes(&header.iv_bytes())),
        ("additionalData", bytes(aad)),
        ("tagLength", 128.into()),
    ])
}

/// Seals a plain snapshot under `passphrase`.
pub async fn seal(
    plain: &[u8],
    passphrase: &str,
    key_fingerprint: &str,
) -> Result<Vec<u8>, String> {
    let crypto = crypto()?;
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 12];
    crypto
        .get_random_values_with_u8_array(&mut salt)
        .and_then(|_| crypto.get_random_values_with_u8_array(&mut iv))
        .map_err(|_| "no random numbers".to_string())?;
    let header = SealedHeader::new(key_fingerprint, &salt, &iv);
    let line = header.line();
    let subtle = crypto.subtle();
    let key = key_for(&subtle, passphrase, &header).await?;
    let sealed = JsFuture::from(
        subtle
            .encrypt_with_object_and_u8_array(&gcm(&header, &line), &key, plain)
            .map_err(|e| format!("encrypt: {e:?}"))?,
    )
    .await
    .map_err(|e| format!("encrypt: {e:?}"))?;
    let mut out = line;
    out.extend(Uint8Array::new(&sealed).to_vec());
    Ok(out)
}

/// Opens a sealed snapshot; `Err(None)` when the passphrase is wrong (or the file was changed),
/// `Err(Some(reason))` when it is not a sealed snapshot this page can open.
pub async fn open(file: &[u8], passphrase: &str) -> Result<Vec<u8>, Option<String>> {
    let (header, at) = sealed::split(file).map_err(Some)?;
    let crypto = crypto().map_err(Some)?;
    let subtle = crypto.subtle();
    let key = key_for(&subtle, passphrase, &header).await.map_err(Some)?;
    let plain = JsFuture::from(
        subtle
            .decrypt_with_object_and_u8_array(&gcm(&header, &file[..at]), &key, &file[at..])
            .map_err(|e| Some(format!("decrypt: {e:?}")))?,
    )
    .await
    .map_err(|_| None)?;
    Ok(Uint8Array::new(&plain).to_vec())
}

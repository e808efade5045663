//! Photos travel inside a checklist's payload as data URLs
//! (`data:image/jpeg;base64,...`): one per item under `checklist.items.<id>.photo`,
//! or several as `photos: [{"data", "at"}]`. They are served decoded, and only when
//! they are the raster images a phone takes: the declared type must be JPEG, PNG,
//! WebP or GIF and the bytes must start as that type does.

use serde_json::Value;

use crate::engine;

/// One photo of an item: its data URL and when it was taken (or the answer's time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhotoRef<'a> {
    pub data: &'a str,
    pub at: Option<&'a str>,
}

/// A decoded photo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("not a base64 data URL")]
    NotDataUrl,
    #[error("the data URL's base64 cannot be read")]
    NotBase64,
    #[error("{0:?} is not an image type served here (JPEG, PNG, WebP, GIF)")]
    NotImage(String),
    #[error("the bytes are not a {0} image")]
    Mismatch(&'static str),
}

/// The image types served, with how their bytes start.
const IMAGES: [(&str, &[&[u8]]); 4] = [
    ("image/jpeg", &[b"\xFF\xD8\xFF"]),
    ("image/png", &[b"\x89PNG\r\n\x1A\n"]),
    ("image/gif", &[b"GIF87a", b"GIF89a"]),
    ("image/webp", &[b"RIFF"]),
];

/// Item `item`'s photos in `payload`, in order: the single `photo` first, then each
/// entry of `photos` that is not the same data. Each is dated by its own `at` in
/// `photos` (the single one too, when the list holds it), else by the answer's `at`.
pub fn photos<'a>(payload: &'a Value, item: &str) -> Vec<PhotoRef<'a>> {
    let Some(evidence) = payload.get("checklist").and_then(|c| c.get("items")).and_then(|i| i.get(item)) else {
        return Vec::new();
    };
    let text = |v: &'a Value, k: &str| v.get(k).and_then(Value::as_str).filter(|s| !s.is_empty());
    let listed: Vec<PhotoRef<'a>> = evidence
        .get("photos")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|entry| Some(PhotoRef { data: text(entry, "data")?, at: text(entry, "at").or_else(|| text(evidence, "at")) }))
        .collect();
    let mut out: Vec<PhotoRef<'a>> = Vec::new();
    if let Some(data) = text(evidence, "photo") {
        let at = listed.iter().find(|p| p.data == data).map_or(text(evidence, "at"), |p| p.at);
        out.push(PhotoRef { data, at });
    }
    for p in listed {
        if out.iter().all(|o| o.data != p.data) {
            out.push(p);
        }
    }
    out
}

/// Decodes a photo's data URL, refusing anything that is not a raster image.
pub fn decode(data_url: &str) -> Result<Image, PhotoError> {
    let rest = data_url.strip_prefix("data:").ok_or(PhotoError::NotDataUrl)?;
    let (meta, data) = rest.split_once(',').ok_or(PhotoError::NotDataUrl)?;
    let mut params = meta.split(';').map(str::trim);
    let declared = params.next().unwrap_or_default().to_ascii_lowercase();
    if !params.any(|p| p.eq_ignore_ascii_case("base64")) {
        return Err(PhotoError::NotDataUrl);
    }
    let (content_type, signatures) = IMAGES.iter().find(|(t, _)| *t == declared).ok_or(PhotoError::NotImage(declared.clone()))?;
    let bytes = engine::decode_base64(data.trim()).ok_or(PhotoError::NotBase64)?;
    let webp = *content_type != "image/webp" || bytes.get(8..12) == Some(b"WEBP");
    if !signatures.iter().any(|s| bytes.starts_with(s)) || !webp {
        return Err(PhotoError::Mismatch(content_type));
    }
    Ok(Image { content_type, bytes })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn data_urls_decode_only_to_images() {
        // "/9j/4AAQ" is base64 of FF D8 FF E0 00 10: a JPEG's first bytes.
        let jpeg = Image { content_type: "image/jpeg", bytes: vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] };
        // "iVBORw0KGgo=" is base64 of the PNG signature 89 50 4E 47 0D 0A 1A 0A.
        let png = Image { content_type: "image/png", bytes: b"\x89PNG\r\n\x1A\n".to_vec() };
        let cases = [
            ("data:image/jpeg;base64,/9j/4AAQ", Ok(jpeg.clone())),
            ("data:IMAGE/JPEG;base64,/9j/4AAQ", Ok(jpeg)),
            ("data:image/png;base64,iVBORw0KGgo=", Ok(png)),
            // "PGh0bWw+" is "<html>".
            ("data:text/html;base64,PGh0bWw+", Err(PhotoError::NotImage("text/html".into()))),
            ("data:image/svg+xml;base64,PHN2Zz4=", Err(PhotoError::NotImage("image/svg+xml".into()))),
            ("data:image/jpeg;base64,PGh0bWw+", Err(PhotoError::Mismatch("image/jpeg"))),
            ("data:image/jpeg;base64,/9j/4A*Q", Err(PhotoError::NotBase64)),
            ("data:image/jpeg,%FF%D8%FF", Err(PhotoError::NotDataUrl)),
            ("https://example.com/a.jpg", Err(PhotoError::NotDataUrl)),
        ];
        for (url, expected) in cases {
            assert_eq!(decode(url), expected, "{url}");
        }
    }

    #[test]
    fn one_photo_or_a_list() {
        let payload = json!({"checklist": {"items": {
            "floor": {"at": "2026-11-23T10:05:00Z", "photo": "data:a"},
            "shelves": {"at": "2026-11-23T10:06:00Z", "photo": "data:b", "photos": [{"data": "data:b", "at": "2026-11-23T10:06:00Z"}, {"data": "data:c", "at": "2026-11-23T10:07:00Z"}, {"data": "data:d"}]},
            "prices": {"photos": "not a list"}
        }}});
        let at = |data, at| PhotoRef { data, at: Some(at) };
        assert_eq!(photos(&payload, "floor"), [at("data:a", "2026-11-23T10:05:00Z")]);
        // The single photo repeated in the list is listed once; an entry without a time takes the answer's.
        assert_eq!(
            photos(&payload, "shelves"),
            [at("data:b", "2026-11-23T10:06:00Z"), at("data:c", "2026-11-23T10:07:00Z"), at("data:d", "2026-11-23T10:06:00Z")]
        );
        assert!(photos(&payload, "prices").is_empty());
        assert!(photos(&payload, "missing").is_empty());
    }
}

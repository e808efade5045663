//! Attached files as the browser gives them: pictures are decoded and downscaled on a
//! canvas to JPEG (long edge at most [`LONG_EDGE`]), other files are read as they are.
//! Nothing is fetched: the bytes go from the file (or the stored base64) to an
//! `ImageBitmap` and a canvas, which no Content Security Policy directive governs.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap};

use crate::core::answer::File;
use crate::core::attachments::LONG_EDGE;
use crate::core::base64::{base64, unbase64};
use crate::ui::FileError;

use super::env::{document, window};
use super::fetch::describe;

/// JPEG quality of a downscaled picture.
const QUALITY: f64 = 0.85;

/// Reads one picked file: a picture becomes a JPEG no larger than [`LONG_EDGE`] on
/// its long edge (`photo.heic` becomes `photo.jpg`); anything else is kept as it is.
pub async fn prepare(file: web_sys::File) -> Result<File, FileError> {
    let name = file.name();
    let mime = file.type_();
    if mime.starts_with("image/") {
        let bitmap = bitmap(&file).await.map_err(|_| FileError::Undecodable)?;
        let (w, h) = (bitmap.width(), bitmap.height());
        let scale = (f64::from(LONG_EDGE) / f64::from(w.max(h).max(1))).min(1.0);
        let (cw, ch) = (((f64::from(w) * scale).round() as u32).max(1), ((f64::from(h) * scale).round() as u32).max(1));
        let (canvas, ctx) = canvas(cw, ch)?;
        // JPEG has no transparency: a transparent PNG goes on white, not black.
        ctx.set_fill_style_str("#fff");
        ctx.fill_rect(0.0, 0.0, f64::from(cw), f64::from(ch));
        ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(cw), f64::from(ch)).map_err(browser)?;
        bitmap.close();
        let url = canvas.to_data_url_with_type_and_encoder_options("image/jpeg", &JsValue::from_f64(QUALITY)).map_err(browser)?;
        let data = url.split_once("base64,").map(|(_, d)| d.to_owned()).ok_or(FileError::Unconvertible)?;
        let size = unbase64(&data).map_or(0, |b| b.len() as u64);
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem);
        return Ok(File { name: format!("{stem}.jpg"), mime: "image/jpeg".to_owned(), size, data });
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(browser)?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let mime = if mime.is_empty() { "application/octet-stream".to_owned() } else { mime };
    Ok(File { name, mime, size: bytes.len() as u64, data: base64(&bytes) })
}

/// A step the browser refused, with its message.
fn browser(e: JsValue) -> FileError {
    FileError::Browser(describe(e))
}

/// Draws a stored picture into `canvas` as a square thumbnail (cropped to fill it).
pub async fn thumbnail(canvas: HtmlCanvasElement, file: File) {
    let Ok(Some(ctx)) = canvas.get_context("2d") else { return };
    let ctx: CanvasRenderingContext2d = ctx.unchecked_into();
    let (size_w, size_h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    if !file.mime.starts_with("image/") {
        // A document: its extension on a plain tile.
        let ext = file.name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_uppercase();
        ctx.set_fill_style_str("#e5e7eb");
        ctx.fill_rect(0.0, 0.0, size_w, size_h);
        ctx.set_fill_style_str("#1f2937");
        ctx.set_font("bold 24px sans-serif");
        ctx.set_text_align("center");
        let _ = ctx.fill_text(&ext.chars().take(4).collect::<String>(), size_w / 2.0, size_h / 2.0 + 8.0);
        return;
    }
    let Some(bytes) = unbase64(&file.data) else { return };
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let options = BlobPropertyBag::new();
    options.set_type(&file.mime);
    let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(&parts, &options) else { return };
    let Ok(bitmap) = bitmap(&blob).await else { return };
    let (w, h) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    let side = w.min(h);
    let _ = ctx.draw_image_with_image_bitmap_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        &bitmap, (w - side) / 2.0, (h - side) / 2.0, side, side, 0.0, 0.0, size_w, size_h,
    );
    bitmap.close();
}

async fn bitmap(blob: &Blob) -> Result<ImageBitmap, FileError> {
    let promise = window().create_image_bitmap_with_blob(blob).map_err(browser)?;
    Ok(JsFuture::from(promise).await.map_err(browser)?.unchecked_into())
}

fn canvas(w: u32, h: u32) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), FileError> {
    let canvas: HtmlCanvasElement = document().create_element("canvas").map_err(browser)?.unchecked_into();
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx = canvas.get_context("2d").map_err(browser)?.ok_or(FileError::NoCanvas)?;
    Ok((canvas, ctx.unchecked_into()))
}

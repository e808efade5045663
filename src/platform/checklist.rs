//! The browser edge of a checklist: the saved visit in localStorage, photos made
//! small on the device, the position (only on the shopper's request), and the URL
//! parameters that name the location, shopper and assignment.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::config::query_params;
use crate::core::visit::key;
use crate::ui::checklist_state::{ChecklistEnv, Located};
use crate::ui::Env;

use super::env::{document, window};

/// The checklist's own styles, added to the widget's shadow root beside the common ones.
pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/checklist.css"));

/// The longest side of a photo kept as evidence, in pixels, and its JPEG quality:
/// about 30-60 KB each, small enough to keep offline and send with the report.
const PHOTO_SIDE: f64 = 800.0;
const PHOTO_QUALITY: f64 = 0.6;

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn env(base: Env, form_id: &str) -> ChecklistEnv {
    let saved = storage().and_then(|s| s.get_item(&key(form_id)).ok().flatten());
    let storage_key = key(form_id);
    ChecklistEnv {
        base,
        saved,
        // Saved quietly: a full or refused storage must not interrupt the shopper.
        keep: Rc::new(move |json: Option<String>| {
            if let Some(s) = storage() {
                let _ = match json {
                    Some(j) => s.set_item(&storage_key, &j),
                    None => s.remove_item(&storage_key),
                };
            }
        }),
        params: query_params(&window().location().search().unwrap_or_default()),
        read_photo: Rc::new(|file| Box::pin(read_photo(file))),
        locate: Rc::new(locate),
    }
}

/// The photo scaled down to [`PHOTO_SIDE`] as a JPEG data URL.
async fn read_photo(file: web_sys::File) -> Option<String> {
    let bitmap: web_sys::ImageBitmap = JsFuture::from(window().create_image_bitmap_with_blob(&file).ok()?).await.ok()?.dyn_into().ok()?;
    let (w, h) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    let scale = (PHOTO_SIDE / w.max(h).max(1.0)).min(1.0);
    let (cw, ch) = ((w * scale).round().max(1.0), (h * scale).round().max(1.0));
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(cw as u32);
    canvas.set_height(ch as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, cw, ch).ok()?;
    bitmap.close();
    canvas.to_data_url_with_type_and_encoder_options("image/jpeg", &JsValue::from_f64(PHOTO_QUALITY)).ok()
}

/// How long the browser may look for the position before the shopper is told it is unavailable.
const LOCATE_TIMEOUT_MS: u32 = 30_000;

/// Asks the browser for the position (it asks the shopper's permission itself).
fn locate(done: Rc<dyn Fn(Located)>) {
    let Ok(geo) = window().navigator().geolocation() else { return done(Located::Unavailable) };
    let ok_done = done.clone();
    let ok = Closure::once_into_js(move |pos: JsValue| {
        // GeolocationPosition.coords, read by name.
        let coords = js_sys::Reflect::get(&pos, &"coords".into()).unwrap_or_default();
        let num = |k: &str| js_sys::Reflect::get(&coords, &k.into()).ok().and_then(|v| v.as_f64());
        ok_done(match (num("latitude"), num("longitude"), num("accuracy")) {
            (Some(lat), Some(lon), Some(acc)) => Located::At(format!("{lat:.6},{lon:.6},{acc:.0}")),
            _ => Located::Unavailable,
        });
    });
    let fail_done = done.clone();
    // GeolocationPositionError.code 1 is PERMISSION_DENIED.
    let fail = Closure::once_into_js(move |e: JsValue| {
        let refused = js_sys::Reflect::get(&e, &"code".into()).ok().and_then(|c| c.as_f64()) == Some(1.0);
        fail_done(if refused { Located::Refused } else { Located::Unavailable })
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeout".into(), &LOCATE_TIMEOUT_MS.into());
    if geo.get_current_position_with_error_callback_and_options(ok.unchecked_ref(), Some(fail.unchecked_ref()), options.unchecked_ref()).is_err() {
        done(Located::Unavailable);
    }
}

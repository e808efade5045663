//! The browser edge of a checklist: the saved visit in IndexedDB, photos made small on
//! the device, the position (only on the shopper's request), and the URL parameters
//! that name the location, shopper and assignment.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

use crate::core::config::query_params;
use crate::core::visit::key;
use crate::ui::checklist_state::{ChecklistEnv, Located};
use crate::ui::Env;

use super::env::{document, window};
use super::idb::{self, VISITS};

/// The checklist's own styles, added to the widget's shadow root beside the common ones.
pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/checklist.css"));

/// The longest side of a photo kept as evidence, in pixels, and its JPEG quality:
/// about 30-60 KB each, small enough to keep offline and send with the report.
const PHOTO_SIDE: f64 = 800.0;
const PHOTO_QUALITY: f64 = 0.6;

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The saved visit of checklist `form_id` (JSON). A visit that an earlier version kept
/// in localStorage is the one in progress: it is copied to IndexedDB and removed from
/// localStorage once it is there (or by the first save that succeeds), so an upgrade
/// never loses it.
pub async fn saved(form_id: &str) -> Option<String> {
    let key = key(form_id);
    if let Some(json) = storage().and_then(|s| s.get_item(&key).ok().flatten()) {
        if idb::put_text(VISITS, &key, &json).await.is_ok() {
            forget_legacy(&key);
        }
        return Some(json);
    }
    idb::get_text(VISITS, &key).await.ok().flatten()
}

fn forget_legacy(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Writes a checklist's visit to IndexedDB one write at a time: what changes while a
/// write is under way waits, and only the latest waiting state is written then.
struct Saver {
    key: String,
    writing: Cell<bool>,
    /// The state to write next: a visit's JSON, or `None` to discard it.
    next: RefCell<Option<Option<String>>>,
    /// Told after each write whether it was stored.
    told: RefCell<Option<Rc<dyn Fn(bool)>>>,
}

impl Saver {
    fn keep(self: &Rc<Self>, json: Option<String>, told: Rc<dyn Fn(bool)>) {
        *self.next.borrow_mut() = Some(json);
        *self.told.borrow_mut() = Some(told);
        if self.writing.replace(true) {
            return;
        }
        let saver = self.clone();
        spawn_local(async move {
            loop {
                let Some(next) = saver.next.borrow_mut().take() else { break };
                let stored = match &next {
                    Some(json) => idb::put_text(VISITS, &saver.key, json).await,
                    None => idb::delete(VISITS, &[&saver.key]).await,
                };
                if stored.is_ok() {
                    forget_legacy(&saver.key);
                }
                let told = saver.told.borrow().clone();
                if let Some(told) = told {
                    told(stored.is_ok());
                }
            }
            saver.writing.set(false);
        });
    }
}

pub fn env(base: Env, form_id: &str, saved: Option<String>) -> ChecklistEnv {
    let saver = Rc::new(Saver { key: key(form_id), writing: Cell::new(false), next: RefCell::new(None), told: RefCell::new(None) });
    ChecklistEnv {
        base,
        saved,
        keep: Rc::new(move |json, told| saver.keep(json, told)),
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

//! A little IndexedDB: one database ("seda") with three stores keyed by "id": "outbox"
//! (responses waiting to be sent), "refused" (those the endpoint refused, kept apart)
//! and "visits" (checklist visits in progress). Outbox values are stored as plain objects
//! made from JSON, a visit as `{id, text}`. Each write resolves only when its
//! transaction has committed.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

use super::env::window;
use super::fetch::describe;

/// Why the outbox's database could not be read or written; each carries the
/// browser's message where it gave one.
#[derive(Debug, thiserror::Error)]
pub enum IdbError {
    /// No IndexedDB (disabled, or a private mode that refuses it).
    #[error("this browser offers no IndexedDB")]
    Unavailable,
    /// The database could not be opened (or upgraded).
    #[error("{0}")]
    OpenFailed(String),
    /// A transaction could not be started, or one of its requests failed.
    #[error("{0}")]
    RequestFailed(String),
    /// A write's transaction failed or was aborted: nothing of it was written.
    #[error("the outbox could not be written")]
    Aborted,
}

/// A thrown JS value as a request's failure.
fn failed(e: JsValue) -> IdbError {
    IdbError::RequestFailed(message(e))
}

/// A browser's error as a message: a `DOMException`'s, an Error's, else its string form.
fn message(e: JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>().map_or_else(|| describe(e.clone()), |d| d.message())
}

const DB: &str = "seda";
/// Version 2 added [`REFUSED`], 3 [`VISITS`]; an upgrade only adds the stores missing.
const VERSION: u32 = 3;
pub const OUTBOX: &str = "outbox";
pub const REFUSED: &str = "refused";
pub const VISITS: &str = "visits";

thread_local! {
    static OPEN: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

async fn db() -> Result<IdbDatabase, IdbError> {
    if let Some(db) = OPEN.with(|o| o.borrow().clone()) {
        return Ok(db);
    }
    let factory = window()
        .indexed_db()
        .ok()
        .flatten()
        .ok_or(IdbError::Unavailable)?;
    let request = factory.open_with_u32(DB, VERSION).map_err(|e| IdbError::OpenFailed(message(e)))?;
    let upgrading = request.clone();
    let on_upgrade = Closure::<dyn FnMut()>::new(move || {
        if let Ok(db) = upgrading.result().map(JsCast::unchecked_into::<IdbDatabase>) {
            for store in [OUTBOX, REFUSED, VISITS] {
                if !db.object_store_names().contains(store) {
                    let params = IdbObjectStoreParameters::new();
                    params.set_key_path(&JsValue::from_str("id"));
                    let _ = db.create_object_store_with_optional_parameters(store, &params);
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let db: IdbDatabase = settle(&request).await.map_err(|e| IdbError::OpenFailed(message(e)))?.unchecked_into();
    request.set_onupgradeneeded(None);
    drop(on_upgrade);
    // A newer version of this page upgrading the database in another tab waits until
    // every connection closes: this one closes then, and opens again when next needed.
    let on_change = Closure::once_into_js(|| {
        if let Some(db) = OPEN.with(|o| o.borrow_mut().take()) {
            db.close();
        }
    });
    db.set_onversionchange(Some(on_change.unchecked_ref()));
    OPEN.with(|o| *o.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Every value in `store`, as JSON text.
pub async fn all(store: &str) -> Result<Vec<String>, IdbError> {
    let db = db().await?;
    let store = db.transaction_with_str(store).map_err(failed)?.object_store(store).map_err(failed)?;
    let list: js_sys::Array = settle(&store.get_all().map_err(failed)?).await.map_err(failed)?.unchecked_into();
    Ok(list.iter().filter_map(|v| js_sys::JSON::stringify(&v).ok().and_then(|s| s.as_string())).collect())
}

/// The keys of `store`.
pub async fn keys(store: &str) -> Result<Vec<String>, IdbError> {
    let db = db().await?;
    let store = db.transaction_with_str(store).map_err(failed)?.object_store(store).map_err(failed)?;
    let list: js_sys::Array = settle(&store.get_all_keys().map_err(failed)?).await.map_err(failed)?.unchecked_into();
    Ok(list.iter().filter_map(|k| k.as_string()).collect())
}

/// The value keyed `id` in `store`, as JSON text (`None` if it is gone).
pub async fn get(store: &str, id: &str) -> Result<Option<String>, IdbError> {
    let db = db().await?;
    let store = db.transaction_with_str(store).map_err(failed)?.object_store(store).map_err(failed)?;
    let value = settle(&store.get(&JsValue::from_str(id)).map_err(failed)?).await.map_err(failed)?;
    Ok(if value.is_undefined() { None } else { js_sys::JSON::stringify(&value).ok().and_then(|s| s.as_string()) })
}

/// The text stored under `id` in `store` by [`put_text`] (`None` if there is none).
pub async fn get_text(store: &str, id: &str) -> Result<Option<String>, IdbError> {
    let db = db().await?;
    let store = db.transaction_with_str(store).map_err(failed)?.object_store(store).map_err(failed)?;
    let value = settle(&store.get(&JsValue::from_str(id)).map_err(failed)?).await.map_err(failed)?;
    Ok(js_sys::Reflect::get(&value, &"text".into()).ok().and_then(|t| t.as_string()))
}

/// Stores (or replaces) `text` under `id` in `store`, as one string: a visit's JSON,
/// photos included, is never parsed into objects to be kept.
pub async fn put_text(store: &str, id: &str, text: &str) -> Result<(), IdbError> {
    let value = js_sys::Object::new();
    js_sys::Reflect::set(&value, &"id".into(), &id.into()).map_err(failed)?;
    js_sys::Reflect::set(&value, &"text".into(), &text.into()).map_err(failed)?;
    write(&[store], |tx| tx.object_store(store)?.put(&value).map(drop)).await
}

/// Stores (or replaces) the value `json` in `store`; its `id` is its key.
pub async fn put(store: &str, json: &str) -> Result<(), IdbError> {
    let value = js_sys::JSON::parse(json).map_err(failed)?;
    write(&[store], |tx| tx.object_store(store)?.put(&value).map(drop)).await
}

/// Deletes the values keyed `ids` from `store`, in one transaction.
pub async fn delete(store: &str, ids: &[&str]) -> Result<(), IdbError> {
    write(&[store], |tx| {
        let s = tx.object_store(store)?;
        ids.iter().try_for_each(|id| s.delete(&JsValue::from_str(id)).map(drop))
    })
    .await
}

/// Moves the value `json` (keyed `id`) from `from` to `to`, in one transaction: it is
/// in exactly one of them whatever happens.
pub async fn move_to(from: &str, to: &str, id: &str, json: &str) -> Result<(), IdbError> {
    let value = js_sys::JSON::parse(json).map_err(failed)?;
    write(&[from, to], |tx| {
        tx.object_store(to)?.put(&value)?;
        tx.object_store(from)?.delete(&JsValue::from_str(id)).map(drop)
    })
    .await
}

async fn write(stores: &[&str], op: impl FnOnce(&IdbTransaction) -> Result<(), JsValue>) -> Result<(), IdbError> {
    let db = db().await?;
    let names: js_sys::Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    let tx = db.transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite).map_err(failed)?;
    op(&tx).map_err(failed)?;
    committed(&tx).await
}

/// Resolves with a request's result, or its error.
async fn settle(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let (ok_request, err_request) = (request.clone(), request.clone());
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok_request.result().unwrap_or(JsValue::UNDEFINED));
        });
        let reject_blocked = reject.clone();
        let err = Closure::once_into_js(move || {
            let error = err_request.error().ok().flatten().map_or(JsValue::NULL, JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(err.unchecked_ref()));
        // An upgrade held back by an older page in another tab (which does not close its
        // connection) would wait until that tab closes: it fails now instead.
        if let Some(open) = request.dyn_ref::<IdbOpenDbRequest>() {
            let blocked = Closure::once_into_js(move || {
                let _ = reject_blocked.call1(&JsValue::NULL, &JsValue::from_str("held open by another tab"));
            });
            open.set_onblocked(Some(blocked.unchecked_ref()));
        }
    });
    JsFuture::from(promise).await
}

/// Resolves when `tx` has committed (so a record is on disk before it is sent).
async fn committed(tx: &IdbTransaction) -> Result<(), IdbError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        tx.set_oncomplete(Some(done.unchecked_ref()));
        tx.set_onerror(Some(failed.unchecked_ref()));
        tx.set_onabort(Some(failed.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(drop).map_err(|_| IdbError::Aborted)
}

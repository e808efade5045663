//! A little IndexedDB: one database ("seda"), one store ("outbox", keyed by "id"),
//! values stored as plain objects made from JSON. Each write resolves only when its
//! transaction has committed.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbRequest, IdbTransaction, IdbTransactionMode};

use super::env::window;
use super::fetch::describe;

const DB: &str = "seda";
const STORE: &str = "outbox";

thread_local! {
    static OPEN: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

async fn db() -> Result<IdbDatabase, String> {
    if let Some(db) = OPEN.with(|o| o.borrow().clone()) {
        return Ok(db);
    }
    let factory = window()
        .indexed_db()
        .ok()
        .flatten()
        .ok_or("this browser offers no IndexedDB")?;
    let request = factory.open_with_u32(DB, 1).map_err(describe)?;
    let upgrading = request.clone();
    let on_upgrade = Closure::<dyn FnMut()>::new(move || {
        if let Ok(db) = upgrading.result().map(JsCast::unchecked_into::<IdbDatabase>) {
            if !db.object_store_names().contains(STORE) {
                let params = IdbObjectStoreParameters::new();
                params.set_key_path(&JsValue::from_str("id"));
                let _ = db.create_object_store_with_optional_parameters(STORE, &params);
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let db: IdbDatabase = settle(&request).await?.unchecked_into();
    request.set_onupgradeneeded(None);
    drop(on_upgrade);
    OPEN.with(|o| *o.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Every stored value, as JSON text.
pub async fn all() -> Result<Vec<String>, String> {
    let db = db().await?;
    let store = db.transaction_with_str(STORE).map_err(describe)?.object_store(STORE).map_err(describe)?;
    let list: js_sys::Array = settle(&store.get_all().map_err(describe)?).await?.unchecked_into();
    Ok(list.iter().filter_map(|v| js_sys::JSON::stringify(&v).ok().and_then(|s| s.as_string())).collect())
}

/// Stores (or replaces) the value `json`, whose `id` is its key.
pub async fn put(json: &str) -> Result<(), String> {
    let value = js_sys::JSON::parse(json).map_err(describe)?;
    write(|tx| tx.object_store(STORE)?.put(&value).map(drop)).await
}

pub async fn delete(id: &str) -> Result<(), String> {
    let key = JsValue::from_str(id);
    write(|tx| tx.object_store(STORE)?.delete(&key).map(drop)).await
}

async fn write(op: impl FnOnce(&IdbTransaction) -> Result<(), JsValue>) -> Result<(), String> {
    let db = db().await?;
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite).map_err(describe)?;
    op(&tx).map_err(describe)?;
    committed(&tx).await
}

/// Resolves with a request's result, or its error.
async fn settle(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let (ok_request, err_request) = (request.clone(), request.clone());
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok_request.result().unwrap_or(JsValue::UNDEFINED));
        });
        let err = Closure::once_into_js(move || {
            let error = err_request.error().ok().flatten().map_or(JsValue::NULL, JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(err.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|e| {
        e.dyn_ref::<web_sys::DomException>().map_or_else(|| describe(e.clone()), |d| d.message())
    })
}

/// Resolves when `tx` has committed (so a record is on disk before it is sent).
async fn committed(tx: &IdbTransaction) -> Result<(), String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("the outbox could not be written"));
        });
        tx.set_oncomplete(Some(done.unchecked_ref()));
        tx.set_onerror(Some(failed.unchecked_ref()));
        tx.set_onabort(Some(failed.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(drop).map_err(describe)
}

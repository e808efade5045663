//! Types erased to keep the wasm small: tachys instantiates its view, attribute and
//! listener code once per type, so one boxed type per value type, instead of one per
//! closure, keeps one copy of that code.
//!
//! [`ErasedView`]: a view erased to one type, for children that are built once and never
//! patched. `AnyView` keeps a `rebuild` for every type it erases, which patches the old DOM
//! when a new view of the same type arrives; each of those is a full copy of the
//! type's update code. A question's field, a scale point and a text box are built
//! once and never patched, and a new screen (the next step, the thanks) is a new
//! page of the form anyway, so [`ErasedView`] erases them with only a builder: a new
//! value is built afresh and takes the old one's place.

use std::sync::Arc;

use leptos::tachys::html::attribute::{any_attribute::AnyAttribute, Attribute};
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::types::{Element, Node};
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

/// A reactive attribute, property or child, boxed: one type per value type.
pub type Reactive<T> = Arc<dyn Fn() -> T + Send + Sync>;

/// Boxes a closure as a [`Reactive`].
pub fn reactive<T>(f: impl Fn() -> T + Send + Sync + 'static) -> Reactive<T> {
    Arc::new(f)
}

/// An event handler, boxed: one type per event type, so tachys' listener code exists once.
pub type Handler<E> = Box<dyn FnMut(E)>;

/// Boxes a closure as a [`Handler`].
pub fn handler<E>(f: impl FnMut(E) + 'static) -> Handler<E> {
    Box::new(f)
}

/// A view, erased; see the module's comment.
pub struct ErasedView(Box<dyn FnOnce() -> Box<dyn Mountable> + Send>);

/// Erases a view into an [`ErasedView`].
pub fn erase<V>(view: V) -> ErasedView
where
    V: Render + Send + 'static,
    V::State: 'static,
{
    ErasedView(Box::new(move || Box::new(view.build())))
}

/// A mounted [`ErasedView`].
pub struct ErasedViewState(Box<dyn Mountable>);

impl Mountable for ErasedViewState {
    fn unmount(&mut self) {
        self.0.unmount();
    }

    fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
        self.0.mount(parent, marker);
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        self.0.insert_before_this(child)
    }

    fn elements(&self) -> Vec<Element> {
        self.0.elements()
    }
}

impl Render for ErasedView {
    type State = ErasedViewState;

    fn build(self) -> ErasedViewState {
        ErasedViewState((self.0)())
    }

    fn rebuild(self, state: &mut ErasedViewState) {
        let mut new = self.build();
        state.insert_before_this(&mut new);
        state.unmount();
        *state = new;
    }
}

impl AddAnyAttr for ErasedView {
    type Output<SomeNewAttr: Attribute> = ErasedView;

    /// Nothing spreads attributes onto these views.
    fn add_any_attr<NewAttr: Attribute>(self, _attr: NewAttr) -> ErasedView {
        self
    }
}

/// The widget renders in the browser only: the server-side methods do nothing.
impl RenderHtml for ErasedView {
    type AsyncOutput = ErasedView;
    type Owned = ErasedView;

    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> ErasedView {
        self
    }

    fn to_html_with_buf(self, _: &mut String, _: &mut Position, _: bool, _: bool, _: Vec<AnyAttribute>) {}

    fn hydrate<const FROM_SERVER: bool>(self, _: &Cursor, _: &PositionState) -> ErasedViewState {
        self.build()
    }

    fn into_owned(self) -> ErasedView {
        self
    }
}

//! A view erased to one type, for children that are built once and never patched.
//!
//! `AnyView` keeps a `rebuild` for every type it erases, which patches the old DOM
//! when a new view of the same type arrives; each of those is a full copy of the
//! type's update code. A question's field, a scale point and a text box are built
//! once and never patched, and a new screen (the next step, the thanks) is a new
//! page of the form anyway, so [`Built`] erases them with only a builder: a new
//! value is built afresh and takes the old one's place.

use leptos::tachys::html::attribute::{any_attribute::AnyAttribute, Attribute};
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::types::{Element, Node};
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

/// A view, erased; see the module's comment.
pub struct Built(Box<dyn FnOnce() -> Box<dyn Mountable> + Send>);

/// Erases a view into a [`Built`].
pub fn built<V>(view: V) -> Built
where
    V: Render + Send + 'static,
    V::State: 'static,
{
    Built(Box::new(move || Box::new(view.build())))
}

/// A mounted [`Built`].
pub struct BuiltState(Box<dyn Mountable>);

impl Mountable for BuiltState {
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

impl Render for Built {
    type State = BuiltState;

    fn build(self) -> BuiltState {
        BuiltState((self.0)())
    }

    fn rebuild(self, state: &mut BuiltState) {
        let mut new = self.build();
        state.insert_before_this(&mut new);
        state.unmount();
        *state = new;
    }
}

impl AddAnyAttr for Built {
    type Output<SomeNewAttr: Attribute> = Built;

    /// Nothing spreads attributes onto these views.
    fn add_any_attr<NewAttr: Attribute>(self, _attr: NewAttr) -> Built {
        self
    }
}

/// The widget renders in the browser only: the server-side methods do nothing.
impl RenderHtml for Built {
    type AsyncOutput = Built;
    type Owned = Built;

    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Built {
        self
    }

    fn to_html_with_buf(self, _: &mut String, _: &mut Position, _: bool, _: bool, _: Vec<AnyAttribute>) {}

    fn hydrate<const FROM_SERVER: bool>(self, _: &Cursor, _: &PositionState) -> BuiltState {
        self.build()
    }

    fn into_owned(self) -> Built {
        self
    }
}

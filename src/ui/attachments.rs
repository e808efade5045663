//! Photos and documents: from the camera or the device's files, several at once.
//! Pictures are downscaled in the browser before they are kept; each file is listed
//! with a thumbnail, its size and a Remove button, and the caps (count, total size,
//! types) are said before they are hit and again when a file does not fit.

use std::rc::Rc;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::answer::{Answer, File};
use crate::core::attachments::{accepts, DEFAULT_ACCEPT};
use crate::core::question::{AttachmentsSpec, Question};
use crate::core::i18n::{answer_error, fill, size_text};
use crate::core::validate::{file_caps, AnswerError};

use super::env::FileError;
use super::erased::{handler, reactive, Reactive};
use super::question_parts::{parts, GroupHeading, Parts};
use super::widget_state::{expect_widget, WidgetState};

/// The files the session holds for `question`.
fn current(widget: WidgetState, question: &Question) -> Vec<File> {
    match widget.answer(&question.id) {
        Some(Answer::Files(files)) => files,
        _ => Vec::new(),
    }
}

/// What the list draws of each file (the bytes stay in the session).
fn listed_of(files: &[File]) -> Vec<(String, u64)> {
    files.iter().map(|file| (file.name.clone(), file.size)).collect()
}

#[component]
pub fn Attachments(
    /// An `attachments` question.
    question: Question,
    /// Its caps and the types it takes.
    spec: AttachmentsSpec,
    /// `aria-invalid`: `Some("true")` while the page shows an error for this answer.
    invalid: Reactive<Option<&'static str>>,
) -> impl IntoView {
    let widget = expect_widget();
    let strings = widget.strings();
    let Parts { words, ids, described_by } = parts(&question);
    let title_id = ids.title.clone();
    let add_id = ids.input.clone();
    let (max_files, max_bytes) = file_caps(&spec);
    let accept: Arc<Vec<String>> = Arc::new(spec.accept.unwrap_or_default());
    let accept_attr = if accept.is_empty() { DEFAULT_ACCEPT.join(",") } else { accept.join(",") };
    let pictures_ok = accepts(&accept, "image/jpeg");
    let question = Arc::new(question);
    let listed = RwSignal::new(listed_of(&current(widget, &question)));
    // "Preparing photo.jpg…" while a file is read; what did not fit, once it is done.
    let busy = RwSignal::new(None::<String>);
    let problem = RwSignal::new(String::new());
    let picker = NodeRef::<html::Input>::new();
    let camera = NodeRef::<html::Input>::new();
    let add_button = NodeRef::<html::Button>::new();

    let add: Rc<dyn Fn(web_sys::HtmlInputElement)> = {
        let question = question.clone();
        Rc::new(move |input| {
            let Some(list) = input.files() else { return };
            let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|index| list.get(index)).collect();
            // Picking the same file again must fire `change` again.
            input.set_value("");
            let (question, accept, pictures) = (question.clone(), accept.clone(), widget.pictures());
            spawn_local(async move {
                let mut problems = Vec::new();
                for picked in picked {
                    let name = picked.name();
                    let mut files = current(widget, &question);
                    let said = |error| format!("{name}: {}", answer_error(strings, error));
                    if files.len() >= max_files as usize {
                        problems.push(answer_error(strings, AnswerError::TooManyFiles { max: max_files }));
                        break;
                    }
                    if !accepts(&accept, &picked.type_()) {
                        problems.push(said(AnswerError::FileType));
                        continue;
                    }
                    busy.set(Some(fill(strings.preparing, &[("name", name.clone())])));
                    let prepared = match &pictures {
                        Some(pictures) => (pictures.prepare)(picked).await,
                        None => Err(FileError::Unsupported),
                    };
                    match prepared {
                        Err(_) => problems.push(fill(strings.file_unreadable, &[("name", name.clone())])),
                        Ok(file) if files.iter().map(|file| file.size).sum::<u64>() + file.size > u64::from(max_bytes) => {
                            problems.push(said(AnswerError::FilesTooLarge { max: max_bytes }));
                        }
                        Ok(file) => {
                            files.push(file);
                            listed.set(listed_of(&files));
                            widget.set_answer(&question, Some(Answer::Files(files)));
                        }
                    }
                }
                busy.set(None);
                problem.set(problems.join(" "));
            });
        })
    };
    let remove = {
        let question = question.clone();
        Arc::new(move |index: usize| {
            let mut files = current(widget, &question);
            if index < files.len() {
                files.remove(index);
            }
            listed.set(listed_of(&files));
            widget.set_answer(&question, (!files.is_empty()).then_some(Answer::Files(files)));
            problem.set(String::new());
            // The Remove button is gone: focus goes to "Add", not to the page.
            if let Some(b) = add_button.get_untracked() {
                let _ = b.focus();
            }
        })
    };
    let items = {
        let question = question.clone();
        move || {
            let files = current(widget, &question);
            listed
                .get()
                .into_iter()
                .enumerate()
                .map(|(i, (name, size))| {
                    let thumb = NodeRef::<html::Canvas>::new();
                    if let (Some(file), Some(pictures)) = (files.get(i).cloned(), widget.pictures()) {
                        thumb.on_load(move |canvas| spawn_local((pictures.thumbnail)(canvas, file)));
                    }
                    let remove = remove.clone();
                    view! {
                        <li class="seda-file">
                            <canvas class="seda-file__thumb" width="96" height="96" aria-hidden="true" node_ref=thumb></canvas>
                            <span class="seda-file__name" dir="auto">{name.clone()}</span>
                            <span class="seda-file__size">{widget.digits(&size_text(strings, size))}</span>
                            <button
                                type="button"
                                class="seda-button seda-button--quiet seda-file__remove"
                                aria-label=fill(strings.remove_file, &[("name", name)])
                                on:click=handler(move |_| remove(i))
                            >
                                {strings.remove}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let status = reactive(move || {
        busy.get().unwrap_or_else(|| {
            let list = listed.get();
            let count = |number: u64| widget.digits(&number.to_string());
            fill(strings.files_count, &[
                ("n", count(list.len() as u64)),
                ("max", count(u64::from(max_files))),
                ("size", widget.digits(&size_text(strings, list.iter().map(|(_, size)| size).sum()))),
                ("max_size", widget.digits(&size_text(strings, u64::from(max_bytes)))),
            ])
        })
    });
    let open = |input: NodeRef<html::Input>| handler(move |_| if let Some(i) = input.get_untracked() { i.click() });
    let (add_picked, add_shot) = (add.clone(), add);
    let group_described_by = described_by.clone();
    view! {
        <fieldset class="seda-field seda-files" aria-labelledby=title_id aria-describedby=group_described_by aria-invalid=invalid>
            <GroupHeading words=words ids=ids />
            <div class="seda-files__actions">
                {pictures_ok.then(|| view! {
                    <button type="button" class="seda-button" on:click=open(camera)>{strings.take_photo}</button>
                })}
                <button type="button" class="seda-button" id=add_id node_ref=add_button aria-describedby=described_by on:click=open(picker)>
                    {strings.choose_files}
                </button>
            </div>
            <input type="file" class="seda-files__input" hidden multiple accept=accept_attr node_ref=picker
                on:change=handler(move |ev: leptos::ev::Event| add_picked(event_target(&ev))) />
            <input type="file" class="seda-files__input" hidden accept="image/*" capture="environment" node_ref=camera
                on:change=handler(move |ev: leptos::ev::Event| add_shot(event_target(&ev))) />
            <p class="seda-files__status" aria-live="polite">{status}</p>
            <p class="seda-error" role="alert">{reactive(move || problem.get())}</p>
            <ul class="seda-files__list">{items}</ul>
        </fieldset>
    }
}

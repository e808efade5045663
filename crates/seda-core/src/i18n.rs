//! The widget's own words, in English and Persian, and writing direction.

use super::num::Num;
use super::locale::language;
use super::jalali::date_words;
use super::time::date_text;
use super::validate::AnswerError;

/// Every string the widget itself shows (forms bring their own).
pub struct Strings {
    pub next: &'static str,
    pub back: &'static str,
    pub submit: &'static str,
    pub sending: &'static str,
    pub close: &'static str,
    pub thank_you: &'static str,
    pub thank_you_body: &'static str,
    pub send_failed: &'static str,
    pub send_failed_body: &'static str,
    pub try_again: &'static str,
    pub saved_on_device: &'static str,
    pub sent: &'static str,
    pub queued: &'static str,
    pub rejected: &'static str,
    pub resume: &'static str,
    pub resume_continue: &'static str,
    pub start_over: &'static str,
    pub step_of: &'static str,
    pub required: &'static str,
    pub out_of_range: &'static str,
    pub too_long: &'static str,
    pub invalid_email: &'static str,
    pub invalid_answer: &'static str,
    pub form_error: &'static str,
    pub optional: &'static str,
    pub too_short: &'static str,
    pub invalid_phone: &'static str,
    pub whole_number: &'static str,
    pub decimal_number: &'static str,
    pub number_between: &'static str,
    pub number_at_least: &'static str,
    pub number_at_most: &'static str,
    pub invalid_date: &'static str,
    pub date_between: &'static str,
    pub date_from: &'static str,
    pub date_until: &'static str,
    /// How a day (days since 1970-01-01) is written: `2024-03-20`, or in Persian in the
    /// Persian calendar, `۱ فروردین ۱۴۰۳`.
    pub date: fn(i64) -> String,
    /// The names of a date picker's parts (shown by the Persian calendar's picker).
    pub day: &'static str,
    pub month: &'static str,
    pub year: &'static str,
    pub time: &'static str,
    pub other_missing: &'static str,
    pub rows_missing: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub other: &'static str,
    pub other_placeholder: &'static str,
    pub choose: &'static str,
    pub stars: &'static str,
    pub errors_summary: &'static str,
    /// The launcher button's label (`data-mode="launcher"`).
    pub feedback: &'static str,
    pub too_large: &'static str,
    /// Shown in place of the widget after an internal error.
    pub crashed: &'static str,
    pub too_many_files: &'static str,
    pub files_too_large: &'static str,
    pub file_type: &'static str,
    pub file_unreadable: &'static str,
    pub take_photo: &'static str,
    pub choose_files: &'static str,
    pub remove_file: &'static str,
    pub remove: &'static str,
    pub files_count: &'static str,
    pub preparing: &'static str,
    pub kb: &'static str,
    pub mb: &'static str,
    /// A complaint's heading once the site has it...
    pub complaint_received: &'static str,
    /// ...and while it waits on the device.
    pub complaint_saved: &'static str,
    pub reference: &'static str,
    pub reference_hint: &'static str,
    pub offer_title: &'static str,
    pub offer_button: &'static str,
}

pub const EN: Strings = Strings {
    next: "Next",
    back: "Back",
    submit: "Submit",
    sending: "Sending…",
    close: "Close",
    thank_you: "Thank you!",
    thank_you_body: "Thank you for your time.",
    send_failed: "We could not send your answers",
    send_failed_body: "Please check your connection and try again. Your answers are still here.",
    try_again: "Try again",
    saved_on_device: "Your answers are saved on this device.",
    sent: "Sent.",
    queued: "Saved on this device. It will be sent automatically.",
    rejected: "Saved on this device, but the site did not accept it.",
    resume: "Continue where you left off?",
    resume_continue: "Continue",
    start_over: "Start over",
    step_of: "{n} of {total}",
    required: "Please answer this question.",
    out_of_range: "Please pick a value from {min} to {max}.",
    too_long: "Please use at most {max} characters.",
    invalid_email: "Please enter an email address such as name@example.com.",
    invalid_answer: "This answer is not one of the options.",
    form_error: "This form could not be shown",
    optional: "(optional)",
    too_short: "Please write at least {min} characters.",
    invalid_phone: "Please enter a phone number, such as +1 555 010 0199.",
    whole_number: "Please enter a whole number.",
    decimal_number: "Please enter a number with at most {decimals} decimal places.",
    number_between: "Please enter a number from {min} to {max}.",
    number_at_least: "Please enter a number of at least {min}.",
    number_at_most: "Please enter a number of at most {max}.",
    invalid_date: "Please enter a date.",
    date_between: "Please pick a date from {earliest} to {latest}.",
    date_from: "Please pick a date on or after {earliest}.",
    date_until: "Please pick a date on or before {latest}.",
    date: date_text,
    day: "Day",
    month: "Month",
    year: "Year",
    time: "Time",
    other_missing: "Please say what \"Other\" is.",
    rows_missing: "Please answer every row.",
    yes: "Yes",
    no: "No",
    other: "Other",
    other_placeholder: "Please specify",
    choose: "Choose…",
    stars: "{n} of {total} stars",
    errors_summary: "Please check the answers marked below.",
    feedback: "Feedback",
    too_large: "Your answers are too long to send together. Please shorten them and try again.",
    crashed: "Sorry, this survey stopped working. Please reload the page to try again.",
    too_many_files: "You can add at most {max} files.",
    files_too_large: "The files may take at most {max} together. Please remove one.",
    file_type: "Only pictures and documents of the types listed can be added.",
    file_unreadable: "\"{name}\" could not be read. Please try another file.",
    take_photo: "Take a photo",
    choose_files: "Add photos or files",
    remove_file: "Remove {name}",
    remove: "Remove",
    files_count: "{n} of {max} files, {size} of {max_size}",
    preparing: "Preparing {name}…",
    kb: "{n} KB",
    mb: "{n} MB",
    complaint_received: "We have your complaint",
    complaint_saved: "Your complaint is saved on this device",
    reference: "Your reference",
    reference_hint: "Please quote it if you contact us about this complaint.",
    offer_title: "Sorry we let you down. Would you tell us what went wrong?",
    offer_button: "Tell us what went wrong",
};

pub const FA: Strings = Strings {
    next: "بعدی",
    back: "قبلی",
    submit: "ارسال",
    sending: "در حال ارسال…",
    close: "بستن",
    thank_you: "سپاسگزاریم!",
    thank_you_body: "از وقتی که گذاشتید سپاسگزاریم.",
    send_failed: "پاسخ‌های شما فرستاده نشد",
    send_failed_body: "لطفاً اتصال اینترنت را بررسی کنید و دوباره بکوشید. پاسخ‌هایتان همین‌جا مانده است.",
    try_again: "تلاش دوباره",
    saved_on_device: "پاسخ‌های شما روی همین دستگاه ذخیره شد.",
    sent: "فرستاده شد.",
    queued: "روی همین دستگاه ذخیره شد و خودکار فرستاده می‌شود.",
    rejected: "روی همین دستگاه ذخیره شد، اما سایت آن را نپذیرفت.",
    resume: "از همان‌جا که ماندید ادامه می‌دهید؟",
    resume_continue: "ادامه",
    start_over: "از نو",
    step_of: "{n} از {total}",
    required: "لطفاً به این پرسش پاسخ دهید.",
    out_of_range: "لطفاً عددی از {min} تا {max} برگزینید.",
    too_long: "لطفاً حداکثر {max} نویسه بنویسید.",
    invalid_email: "لطفاً نشانی ایمیلی مانند name@example.com وارد کنید.",
    invalid_answer: "این پاسخ در میان گزینه‌ها نیست.",
    form_error: "این فرم نمایش داده نشد",
    optional: "(اختیاری)",
    too_short: "لطفاً دست‌کم {min} نویسه بنویسید.",
    invalid_phone: "لطفاً شماره تلفنی مانند ۰۹۱۲۱۲۳۴۵۶۷ وارد کنید.",
    whole_number: "لطفاً یک عدد صحیح وارد کنید.",
    decimal_number: "لطفاً عددی با حداکثر {decimals} رقم اعشار وارد کنید.",
    number_between: "لطفاً عددی از {min} تا {max} وارد کنید.",
    number_at_least: "لطفاً عددی دست‌کم {min} وارد کنید.",
    number_at_most: "لطفاً عددی حداکثر {max} وارد کنید.",
    invalid_date: "لطفاً یک تاریخ وارد کنید.",
    date_between: "لطفاً تاریخی از {earliest} تا {latest} برگزینید.",
    date_from: "لطفاً تاریخی از {earliest} به بعد برگزینید.",
    date_until: "لطفاً تاریخی تا {latest} برگزینید.",
    date: date_words,
    day: "روز",
    month: "ماه",
    year: "سال",
    time: "ساعت",
    other_missing: "لطفاً بنویسید منظورتان از «سایر» چیست.",
    rows_missing: "لطفاً به همهٔ ردیف‌ها پاسخ دهید.",
    yes: "بله",
    no: "خیر",
    other: "سایر",
    other_placeholder: "لطفاً بنویسید",
    choose: "انتخاب کنید…",
    stars: "{n} ستاره از {total}",
    errors_summary: "لطفاً پاسخ‌های نشان‌داده‌شده را بررسی کنید.",
    feedback: "بازخورد",
    too_large: "پاسخ‌های شما برای فرستادن بیش از اندازه بلند است. لطفاً آن‌ها را کوتاه‌تر کنید و دوباره بکوشید.",
    crashed: "متأسفیم، این نظرسنجی از کار افتاد. لطفاً صفحه را دوباره بارگذاری کنید.",
    too_many_files: "حداکثر {max} فایل می‌توانید بیفزایید.",
    files_too_large: "حجم همهٔ فایل‌ها روی هم حداکثر {max} است. لطفاً یکی را بردارید.",
    file_type: "فقط عکس و سندهایی از نوع‌های گفته‌شده را می‌توانید بیفزایید.",
    file_unreadable: "«{name}» خوانده نشد. لطفاً فایل دیگری را امتحان کنید.",
    take_photo: "گرفتن عکس",
    choose_files: "افزودن عکس یا فایل",
    remove_file: "حذف {name}",
    remove: "حذف",
    files_count: "{n} از {max} فایل، {size} از {max_size}",
    preparing: "در حال آماده‌سازی {name}…",
    kb: "{n} کیلوبایت",
    mb: "{n} مگابایت",
    complaint_received: "شکایت شما به دست ما رسید",
    complaint_saved: "شکایت شما روی همین دستگاه ذخیره شد",
    reference: "شمارهٔ پیگیری شما",
    reference_hint: "اگر دربارهٔ این شکایت با ما تماس گرفتید، لطفاً این شماره را بگویید.",
    offer_title: "متأسفیم که انتظارتان را برآورده نکردیم. می‌گویید چه چیزی درست پیش نرفت؟",
    offer_button: "بگویید چه چیزی درست نبود",
};

/// The widget's strings for `locale` (English unless the language is Persian).
pub fn strings(locale: &str) -> &'static Strings {
    match language(locale) {
        "fa" => &FA,
        _ => &EN,
    }
}

/// Whether `locale` is written right to left.
pub fn is_rtl(locale: &str) -> bool {
    matches!(language(locale), "fa" | "ar" | "he" | "ur" | "ps" | "ckb" | "dv" | "yi")
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Western digits as Persian digits, for text shown in Persian.
pub fn persian_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('۰' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
            '.' => '٫',
            c => c,
        })
        .collect()
}

/// The visitor-facing message for an answer error.
pub fn answer_error(s: &Strings, e: AnswerError) -> String {
    match e {
        AnswerError::Required => s.required.to_owned(),
        AnswerError::OutOfRange { min, max } => fill(s.out_of_range, &[("min", min.to_string()), ("max", max.to_string())]),
        AnswerError::TooLong { max } => fill(s.too_long, &[("max", max.to_string())]),
        AnswerError::TooShort { min } => fill(s.too_short, &[("min", min.to_string())]),
        AnswerError::InvalidEmail => s.invalid_email.to_owned(),
        AnswerError::InvalidPhone => s.invalid_phone.to_owned(),
        AnswerError::InvalidNumber { decimals: 0 } => s.whole_number.to_owned(),
        AnswerError::InvalidNumber { decimals } => fill(s.decimal_number, &[("decimals", decimals.to_string())]),
        AnswerError::NumberOutOfRange { min, max } => {
            let (min, max) = (min.map(Num::to_text), max.map(Num::to_text));
            match (min, max) {
                (Some(min), Some(max)) => fill(s.number_between, &[("min", min), ("max", max)]),
                (Some(min), None) => fill(s.number_at_least, &[("min", min)]),
                (None, max) => fill(s.number_at_most, &[("max", max.unwrap_or_default())]),
            }
        }
        AnswerError::InvalidDate => s.invalid_date.to_owned(),
        AnswerError::DateOutOfRange { earliest, latest } => match (earliest.map(s.date), latest.map(s.date)) {
            (Some(e), Some(l)) => fill(s.date_between, &[("earliest", e), ("latest", l)]),
            (Some(e), None) => fill(s.date_from, &[("earliest", e)]),
            (None, l) => fill(s.date_until, &[("latest", l.unwrap_or_default())]),
        },
        AnswerError::OtherMissing => s.other_missing.to_owned(),
        AnswerError::RowsMissing => s.rows_missing.to_owned(),
        AnswerError::UnknownChoice | AnswerError::WrongType => s.invalid_answer.to_owned(),
        AnswerError::TooManyFiles { max } => fill(s.too_many_files, &[("max", max.to_string())]),
        AnswerError::FilesTooLarge { max } => fill(s.files_too_large, &[("max", size_text(s, u64::from(max)))]),
        AnswerError::FileType => s.file_type.to_owned(),
    }
}

/// A number of bytes as people read it: `350 KB`, `1.2 MB` (1 KB = 1024 bytes).
pub fn size_text(s: &Strings, bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        fill(s.kb, &[("n", bytes.div_ceil(1024).to_string())])
    } else {
        let tenths = (bytes * 10).div_ceil(1024 * 1024);
        let n = if tenths % 10 == 0 { (tenths / 10).to_string() } else { format!("{}.{}", tenths / 10, tenths % 10) };
        fill(s.mb, &[("n", n)])
    }
}

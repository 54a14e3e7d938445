//! Problems in words: why a store action, an edit or closing was refused,
//! mail and keymap problems, warnings about the file.

use super::Catalogue;
use crate::domain::NumberFormat;
use crate::domain::classification::ClassificationError;
use crate::domain::ticket::EditError;
use crate::keymap::KeymapProblem;
use crate::store::StoreError;

impl Catalogue {
    pub fn keymap_problem(&self, p: &KeymapProblem) -> String {
        (self.err.keymap)(p)
    }

    pub fn mail_problem(&self, p: &crate::domain::mail::MailProblem) -> String {
        use crate::domain::mail::MailProblem;
        match p {
            MailProblem::NoCommand => self.mail_no_command.to_string(),
            MailProblem::NoAddress => self.mail_no_address.to_string(),
            MailProblem::BadAddress(address) => (self.mail_bad_address)(address),
            MailProblem::Failed(why) => (self.mail_failed)(why),
        }
    }

    /// Why a file the user named was not written.
    pub fn write_error(&self, e: &crate::output_file::WriteError) -> String {
        use crate::output_file::WriteError;
        match e {
            WriteError::Exists(path) => (self.err.write_exists)(&path.display().to_string()),
            WriteError::Symlink(path) => (self.err.write_symlink)(&path.display().to_string()),
            WriteError::Database(path) => (self.err.write_database)(&path.display().to_string()),
            WriteError::NotAFile(path) => (self.err.write_not_file)(&path.display().to_string()),
            WriteError::Io { path, source } => (self.err.io)(&path.display().to_string(), &source.to_string()),
        }
    }

    pub fn open_warning(&self, w: &crate::domain::storage::OpenWarning) -> String {
        use crate::domain::storage::OpenWarning;
        match w {
            OpenWarning::ReadOnly => self.err.read_only.to_string(),
            OpenWarning::CompanionReadOnly { path, owner } => {
                (self.err.companion_read_only)(&path.display().to_string(), owner)
            }
            OpenWarning::NetworkFilesystem(kind) => (self.warn_network_fs)(kind),
        }
    }

    /// Why an incident cannot be closed yet, in words.
    pub fn closure_blocks(&self, blocks: &[crate::domain::closure::ClosureBlock]) -> String {
        use crate::domain::closure::ClosureBlock;
        let parts: Vec<String> = blocks
            .iter()
            .map(|b| match b {
                ClosureBlock::Missing(items) => {
                    let labels: Vec<&str> = items.iter().map(|i| i.label(self.code)).collect();
                    (self.block_missing)(&labels.join(", "))
                }
                ClosureBlock::NoCode => self.block_no_code.to_string(),
                ClosureBlock::UnknownCode(code) => (self.block_unknown_code)(code),
                ClosureBlock::ReviewRequired => self.block_review.to_string(),
                ClosureBlock::NotADuplicate => self.block_not_duplicate.to_string(),
            })
            .collect();
        (self.closure_blocked)(&parts.join("; "))
    }

    /// Why an edit was refused, in words.
    pub fn edit_error(&self, e: &EditError) -> String {
        match e {
            EditError::Required(field) => (self.err.required)(self.field(*field)),
            EditError::Invalid { field, value } => (self.err.invalid_value)(self.field(*field), value),
            EditError::ReopenWindowPassed { days } => (self.err.reopen_window)(*days),
            EditError::Transition { from, to } => {
                let allowed: Vec<&str> = from.allowed_next().iter().map(|s| self.status(*s)).collect();
                (self.err.transition)(self.status(*from), self.status(*to), &allowed.join(", "))
            }
        }
    }

    /// What is wrong with a damaged file, in words.
    pub fn damage(&self, d: &crate::domain::storage::Damage) -> String {
        match d {
            crate::domain::storage::Damage::CutShort { size, expected } => (self.damage_cut_short)(*size, *expected),
            crate::domain::storage::Damage::Malformed(what) => (self.damage_malformed)(what),
        }
    }

    /// A store failure, in words.
    pub fn store_error(&self, e: &StoreError, numbers: &NumberFormat) -> String {
        let path = |p: &std::path::Path| p.display().to_string();
        match e {
            StoreError::NotADatabase { path: p, engine } => (self.err.not_a_database)(&path(p), engine),
            StoreError::Foreign { path: p } => (self.err.foreign)(&path(p)),
            StoreError::TooNew { path: p, found, supported } => (self.err.too_new)(&path(p), *found, *supported),
            StoreError::Io { path: p, source } => (self.err.io)(&path(p), &source.to_string()),
            StoreError::Server { location, problem } => (self.err.server)(location, problem),
            StoreError::NotOnServer(what) => (self.err.not_on_server)(what),
            StoreError::TargetNotEmpty { location, table } => (self.err.target_not_empty)(location, table),
            StoreError::CopyDiffers { table, here, there } => (self.err.copy_differs)(table, *here, *there),
            StoreError::NotFound(id) => (self.not_found)(&numbers.format(*id)),
            StoreError::AlreadyClosed(id) => (self.err.already_closed)(&numbers.format(*id)),
            StoreError::ProblemNotFound(id) => {
                (self.cli.no_such)(&crate::domain::knowledge::problem_numbers().format(*id))
            }
            StoreError::ArticleNotFound(id) => {
                (self.cli.no_such)(&crate::domain::knowledge::article_numbers().format(*id))
            }
            StoreError::Refused(edit) => self.edit_error(edit),
            StoreError::Incomplete(problems) => problems
                .iter()
                .map(|p| format!("{} {}", self.field(p.field), (self.problem)(p.problem)))
                .collect::<Vec<_>>()
                .join("; "),
            StoreError::Conflict { expected, current } => (self.err.conflict)(*expected, *current),
            StoreError::Classification(ClassificationError::ReasonRequired) => {
                self.form.wizard_reason_required.to_string()
            }
            StoreError::Classification(ClassificationError::NoCell(impact, urgency)) => {
                (self.refusals.no_cell)(*impact, *urgency)
            }
            StoreError::Classification(ClassificationError::Unclassified) => {
                self.work.err_priority_unclassified.to_string()
            }
            StoreError::Database(e) if e.is_damage() => (self.err.damaged)(self.database_file, &e.to_string()),
            StoreError::Database(e) if e.kind() == crate::store::sql::ErrorKind::ConnectionLost => {
                (self.err.connection_lost)(&e.to_string())
            }
            StoreError::Database(e) => (self.err.database)(&e.to_string()),
            StoreError::Damaged { path: p, damage } => (self.err.damaged)(&path(p), &self.damage(damage)),
            StoreError::Exists(name) => (self.err.exists)(name),
            StoreError::NotReadyToClose(blocks) => self.closure_blocks(blocks),
            StoreError::ReviewIncomplete => self.err.review_incomplete.to_string(),
            StoreError::BadScore(score) => (self.err.bad_score)(*score),
            StoreError::UnknownName(name) => (self.err.unknown_name)(name),
            StoreError::ReasonRequired => self.err.reason_required.to_string(),
            StoreError::NotALead(login) => (self.work.err_not_a_lead)(&crate::domain::text::inert_single_line(login)),
            StoreError::NoLeadAsked => self.work.err_no_lead_asked.to_string(),
            StoreError::LinkToItself => self.err.link_itself.to_string(),
            StoreError::NotMajor(id) => (self.err.not_major)(&numbers.format(*id)),
            StoreError::BackupDamaged(verdict) => (self.err.backup_damaged)(verdict),
            StoreError::Write(e) => self.write_error(e),
            StoreError::ReadOnly => self.err.read_only.to_string(),
            StoreError::CompanionReadOnly { path: p, owner } => (self.err.companion_read_only)(&path(p), owner),
            StoreError::CompanionUnreadable { path: p, owner } => (self.err.companion_unreadable)(&path(p), owner),
            StoreError::WriterFirst { path: p } => (self.err.writer_first)(&path(p)),
            StoreError::FolderReadOnly { folder, file } => (self.err.folder_read_only)(&path(folder), &path(file)),
            StoreError::NotAllowed { login, role, permission } => {
                (self.err.not_allowed)(login, self.role(*role), (self.permissions)(*permission))
            }
            StoreError::UnknownUser(login) => (self.err.unknown_user)(login),
            StoreError::BadSetting { setting, value } => (self.refusals.bad_setting)(*setting, value),
            StoreError::BadImport(why) => (self.err.bad_import)(&(self.refusals.import)(why)),
            StoreError::LastAdmin(login) => (self.err.last_admin)(login),
            StoreError::TooLong { input, max } => (self.err.too_long)(input.label(self.code), *max),
            StoreError::ControlCharacter(input) => (self.err.control_char)(input.label(self.code)),
            StoreError::NotKnown { input, value, known } => {
                (self.err.not_known)(input.label(self.code), value, &known_list(known))
            }
            StoreError::WrongLine { team, found, line, known } => {
                (self.err.wrong_line)(team, *found, *line, &known_list(known))
            }
            StoreError::NotA { value, kind } => (self.err.not_a)(value, *kind),
            StoreError::Missing(what) => (self.err.missing)(what),
            StoreError::HistoryHere { ticket, source_ref } => {
                (self.err.history_here)(&numbers.format(*ticket), source_ref)
            }
            StoreError::ImportValue { ticket, field, line, problem } => (self.err.import_at)(
                &ticket.map(|t| numbers.format(t)).unwrap_or_default(),
                field,
                *line,
                &self.store_error(problem, numbers),
            ),
        }
    }
}

/// The values that would do, the first few of a long list. A name that
/// holds a comma, a quote or spacing at its ends is quoted, so the list
/// reads as the names it holds ("Sales, EMEA" is one team).
pub(crate) fn known_list(known: &[String]) -> String {
    const SHOWN: usize = 25;
    let mut shown: Vec<String> = known.iter().take(SHOWN).map(|name| quoted_if_needed(name)).collect();
    if known.len() > SHOWN {
        shown.push("…".to_string());
    }
    shown.join(", ")
}

fn quoted_if_needed(name: &str) -> String {
    if name.contains([',', '"', '\'']) || name.trim() != name || name.is_empty() {
        format!("\"{}\"", name.escape_debug())
    } else {
        name.to_string()
    }
}

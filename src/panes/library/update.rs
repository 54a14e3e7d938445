//! The problem and knowledge lists.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::effect::{Effect, RecordTarget};
use crate::app::state::{AppState, Screen};
use crate::keymap::Command;

pub fn open_problems(state: &mut AppState) -> Vec<Effect> {
    state.screen = Screen::Problems;
    state.panes.library.row = 0;
    vec![Effect::LoadProblems]
}

pub fn open_knowledge(state: &mut AppState) -> Vec<Effect> {
    state.screen = Screen::Knowledge;
    state.panes.library.row = 0;
    vec![Effect::LoadArticles { search: state.panes.library.search.clone() }]
}

pub fn len(state: &AppState) -> usize {
    let l = &state.panes.library;
    match state.screen {
        Screen::Problems if l.recurring => l.clusters.len(),
        Screen::Problems => l.problems.len(),
        _ => l.articles.len(),
    }
}

/// Keeps the cursor on a row after the list was loaded again.
pub fn clamp(state: &mut AppState) {
    let n = len(state);
    state.panes.library.row = state.panes.library.row.min(n.saturating_sub(1));
}

pub fn command(state: &mut AppState, command: Command) -> Vec<Effect> {
    let n = len(state);
    let l = &mut state.panes.library;
    match command {
        Command::Back => state.screen = Screen::Queue,
        Command::Down => l.row = (l.row + 1).min(n.saturating_sub(1)),
        Command::Up => l.row = l.row.saturating_sub(1),
        Command::Recurring if state.screen == Screen::Problems => {
            l.recurring = !l.recurring;
            l.row = 0;
        }
        Command::Search if state.screen == Screen::Knowledge => l.search_active = true,
        Command::AddItem if state.screen == Screen::Knowledge => {
            return vec![Effect::OpenRecord(RecordTarget::NewArticle)];
        }
        Command::AddItem => return vec![Effect::OpenRecord(RecordTarget::NewProblem(Vec::new()))],
        Command::Open => {
            let target = match state.screen {
                Screen::Problems if l.recurring => l.clusters.get(l.row).map(|c| RecordTarget::ProblemFromCluster {
                    service: c.service.clone(),
                    category: c.category.clone(),
                }),
                Screen::Problems => l.problems.get(l.row).map(|(p, _)| RecordTarget::Problem(p.id)),
                _ => l.articles.get(l.row).map(|a| RecordTarget::Article(a.id)),
            };
            return target.map(|t| vec![Effect::OpenRecord(t)]).unwrap_or_default();
        }
        _ => {}
    }
    Vec::new()
}

/// Typing while the knowledge search has the focus: every key searches again.
pub fn search_key(state: &mut AppState, key: &KeyEvent) -> Option<Vec<Effect>> {
    if !state.panes.library.search_active || state.screen != Screen::Knowledge {
        return None;
    }
    let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let l = &mut state.panes.library;
    match key.code {
        KeyCode::Enter | KeyCode::Esc => {
            l.search_active = false;
            if key.code == KeyCode::Esc {
                l.search.clear();
            } else {
                return Some(Vec::new());
            }
        }
        KeyCode::Backspace => {
            l.search.pop();
        }
        KeyCode::Char(c) if plain => l.search.push(c),
        _ => return None,
    }
    l.row = 0;
    Some(vec![Effect::LoadArticles { search: l.search.clone() }])
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use crate::app::action::Action;
    use crate::app::effect::Effect;
    use crate::app::state::Screen;
    use crate::app::testing::state;
    use crate::app::update::update;

    fn key(s: &mut crate::app::state::AppState, code: KeyCode) -> Vec<Effect> {
        update(s, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    #[test]
    fn typed_letters_search_the_knowledge_base_instead_of_running_commands() {
        let mut s = state("en");
        key(&mut s, KeyCode::Char('b'));
        assert_eq!(s.screen, Screen::Knowledge);
        key(&mut s, KeyCode::Char('/'));
        // 'q' quits and 'j' moves elsewhere: here they are letters of the search.
        key(&mut s, KeyCode::Char('q'));
        let effects = key(&mut s, KeyCode::Char('j'));
        assert_eq!(effects, vec![Effect::LoadArticles { search: "qj".into() }]);
        assert_eq!(s.screen, Screen::Knowledge);
        assert!(s.overlay.is_none(), "no quit question");
        let effects = key(&mut s, KeyCode::Esc);
        assert_eq!(effects, vec![Effect::LoadArticles { search: String::new() }], "Esc clears the search");
        assert!(!s.panes.library.search_active);
    }
}

//! A choice from a list with type-to-filter, used by form fields.

/// One option: the value stored and the label shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: Option<String>,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickList {
    pub choices: Vec<Choice>,
    /// What the user typed to narrow the list.
    pub filter: String,
    /// Index into `matches()` of the highlighted option.
    pub highlighted: usize,
    /// Index into `choices` of the chosen option.
    pub chosen: usize,
}

impl PickList {
    /// A list whose first option is chosen.
    pub fn new(choices: Vec<Choice>) -> Self {
        PickList { choices, filter: String::new(), highlighted: 0, chosen: 0 }
    }

    /// A list of names with "(empty)" as its first option.
    pub fn optional(empty_label: &str, names: &[String]) -> Self {
        let mut choices = vec![Choice { value: None, label: empty_label.to_string() }];
        choices.extend(names.iter().map(|n| Choice { value: Some(n.clone()), label: n.clone() }));
        PickList::new(choices)
    }

    /// Stored names shown in the language (a seed value by its Dutch name in
    /// Dutch), with "(empty)" first; the value kept is the stored name.
    pub fn named(empty_label: &str, names: &[String], language: &str) -> Self {
        let mut pick = PickList::optional(empty_label, names);
        for choice in &mut pick.choices[1..] {
            if let Some(v) = &choice.value {
                choice.label = crate::domain::reference::shown_name(v, language).to_string();
            }
        }
        // In the order of what is shown.
        pick.choices[1..].sort_by_key(|c| c.label.to_lowercase());
        pick
    }

    pub fn value(&self) -> Option<&str> {
        self.choices.get(self.chosen).and_then(|c| c.value.as_deref())
    }

    pub fn chosen_label(&self) -> &str {
        self.choices.get(self.chosen).map(|c| c.label.as_str()).unwrap_or("")
    }

    /// Indices into `choices` that match the filter, fuzzily: every typed
    /// word must occur in the label, ignoring case, either as it is or with
    /// letters in between ("ntw" finds "Network"). The best matches come
    /// first: labels that start with the filter, then words found as typed,
    /// then the rest; the list order otherwise.
    pub fn matches(&self) -> Vec<usize> {
        let filter = self.filter.to_lowercase();
        let words: Vec<&str> = filter.split_whitespace().collect();
        let mut found: Vec<(u8, usize)> = self
            .choices
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                // What is shown, or the stored name when it differs
                // ("Finance" still finds "Financiën").
                let stored = c.value.as_deref().filter(|v| *v != c.label);
                [Some(c.label.as_str()), stored]
                    .into_iter()
                    .flatten()
                    .filter_map(|l| rank(l, &filter, &words))
                    .min()
                    .map(|r| (r, i))
            })
            .collect();
        found.sort();
        found.into_iter().map(|(_, i)| i).collect()
    }

    /// A typed key: Ctrl-u clears what was typed, as in a text field; other
    /// Ctrl and Alt keys type nothing.
    pub fn type_key(&mut self, c: char, modifiers: ratatui::crossterm::event::KeyModifiers) {
        use ratatui::crossterm::event::KeyModifiers;
        if modifiers.contains(KeyModifiers::CONTROL) && c == 'u' {
            self.filter.clear();
            self.highlighted = 0;
        } else if !modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
            self.type_char(c);
        }
    }

    pub fn type_char(&mut self, c: char) {
        self.filter.push(c);
        self.highlighted = 0;
    }

    pub fn backspace(&mut self) {
        self.filter.pop();
        self.highlighted = 0;
    }

    pub fn move_highlight(&mut self, delta: isize) {
        let n = self.matches().len();
        if n == 0 {
            return;
        }
        self.highlighted = (self.highlighted as isize + delta).rem_euclid(n as isize) as usize;
    }

    /// Takes the highlighted option (if the filter left any) and clears the
    /// filter. Returns false when nothing matched.
    pub fn accept(&mut self) -> bool {
        let matches = self.matches();
        let picked = matches.get(self.highlighted).copied();
        self.filter.clear();
        self.highlighted = 0;
        match picked {
            Some(i) => {
                self.chosen = i;
                true
            }
            None => false,
        }
    }

    /// Highlights the chosen option, so opening the list starts there.
    pub fn highlight_chosen(&mut self) {
        self.highlighted = self.matches().iter().position(|i| *i == self.chosen).unwrap_or(0);
    }

    pub fn choose_value(&mut self, value: Option<&str>) {
        if let Some(i) = self.choices.iter().position(|c| c.value.as_deref() == value) {
            self.chosen = i;
        }
    }

    /// Chooses a stored value, offering it even when the list no longer
    /// has it (a retired department): what is stored is never dropped.
    pub fn keep_value(&mut self, value: Option<&str>) {
        if let Some(v) = value
            && !self.choices.iter().any(|c| c.value.as_deref() == Some(v))
        {
            self.choices.push(Choice { value: Some(v.to_string()), label: v.to_string() });
        }
        self.choose_value(value);
    }
}

/// How well a label matches the filter (lower is better), if at all.
fn rank(label: &str, filter: &str, words: &[&str]) -> Option<u8> {
    let label = label.to_lowercase();
    let mut rank = if label.starts_with(filter) { 0 } else { 1 };
    for w in words {
        if !label.contains(w) {
            if !is_subsequence(w, &label) {
                return None;
            }
            rank = 2;
        }
    }
    Some(rank)
}

/// True when the letters of `needle` occur in `haystack` in this order.
fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|c| rest.any(|h| h == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn services() -> PickList {
        let names: Vec<String> = ["E-mail", "ERP", "VPN", "Website"].iter().map(|s| s.to_string()).collect();
        PickList::optional("(empty)", &names)
    }

    #[test]
    fn typing_narrows_and_prefers_prefix_matches() {
        let mut p = services();
        p.type_char('e');
        let labels: Vec<&str> = p.matches().iter().map(|i| p.choices[*i].label.as_str()).collect();
        assert_eq!(labels, vec!["E-mail", "ERP", "(empty)", "Website"]);
        p.type_char('r');
        assert!(p.accept());
        assert_eq!(p.value(), Some("ERP"));
        assert!(p.filter.is_empty());
    }

    #[test]
    fn letters_with_gaps_still_find_a_choice() {
        let names: Vec<String> = ["Network", "Workplace", "Infrastructure"].iter().map(|s| s.to_string()).collect();
        let mut p = PickList::optional("(empty)", &names);
        for c in "ntw".chars() {
            p.type_char(c);
        }
        let labels: Vec<&str> = p.matches().iter().map(|i| p.choices[*i].label.as_str()).collect();
        assert_eq!(labels, vec!["Network"]);
        p.filter = "wrk".into();
        let labels: Vec<&str> = p.matches().iter().map(|i| p.choices[*i].label.as_str()).collect();
        assert_eq!(labels, vec!["Network", "Workplace"]);
    }

    #[test]
    fn no_match_keeps_the_previous_choice() {
        let mut p = services();
        p.choose_value(Some("VPN"));
        for c in "zzz".chars() {
            p.type_char(c);
        }
        assert!(!p.accept());
        assert_eq!(p.value(), Some("VPN"));
    }

    #[test]
    fn a_seed_value_is_shown_and_found_in_dutch_and_stored_in_english() {
        let names: Vec<String> = ["Facilities", "Finance", "HR"].iter().map(|s| s.to_string()).collect();
        let mut p = PickList::named("(leeg)", &names, "nl");
        for c in "Financiën".chars() {
            p.type_char(c);
        }
        assert!(p.accept(), "the Dutch name is found");
        assert_eq!((p.value(), p.chosen_label()), (Some("Finance"), "Financiën"));
        for c in "finance".chars() {
            p.type_char(c);
        }
        assert!(p.accept(), "and so is the stored one");
        assert_eq!(p.value(), Some("Finance"));
    }

    #[test]
    fn highlight_wraps_around() {
        let mut p = services();
        p.move_highlight(-1);
        assert_eq!(p.highlighted, 4);
        p.move_highlight(1);
        assert_eq!(p.highlighted, 0);
    }

    #[test]
    fn ctrl_u_clears_what_was_typed_and_other_control_keys_type_nothing() {
        use ratatui::crossterm::event::KeyModifiers;
        let mut p = PickList::new(vec![]);
        p.type_key('f', KeyModifiers::NONE);
        p.type_key('x', KeyModifiers::ALT);
        assert_eq!(p.filter, "f");
        p.type_key('u', KeyModifiers::CONTROL);
        assert_eq!(p.filter, "");
    }
}

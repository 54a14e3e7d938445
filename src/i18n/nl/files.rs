//! Dutch words for the database file among other people's: who may
//! write it, a damaged file, whose names are believed.

pub(super) fn err_companion_read_only(path: &str, owner: &str) -> String {
    format!(
        "{path} is van {owner} en voor u alleen-lezen, dus de database is alleen-lezen geopend: u kunt kijken, \
         niet wijzigen. Geef het de groep en rechten van het databasebestand (chgrp, chmod), of verwijder het \
         terwijl niemand de database open heeft."
    )
}

pub(super) fn err_damaged(path: &str, why: &str) -> String {
    format!(
        "{path} is beschadigd: {why}. Er is niets in geschreven; meldpunt check laat zien wat er mis is \
         (alleen-lezen), en een reservekopie brengt haar terug"
    )
}

pub(super) fn err_writer_first(path: &str) -> String {
    format!(
        "{path} kunt u alleen lezen, en de -wal- en -shm-bestanden ernaast ontbreken: openen zou ze als de uwe \
         aanmaken en iedereen die schrijft buitensluiten. Iemand die erin mag schrijven moet haar eerst één keer \
         openen (elke meldpunt-opdracht); daarna kunt u haar lezen."
    )
}

pub(super) fn err_folder_read_only(folder: &str, file: &str) -> String {
    format!("Kan {file} niet aanmaken: de map {folder} is voor u alleen-lezen (meldpunt moet daar bestanden aanmaken)")
}

pub(super) fn setting_names_set_up(admin: &str) -> String {
    format!(
        "  Namen uit de configuratie worden geloofd: iedereen kan onder elke naam werken door die in de eigen \
         configuratie te zetten. Dit werd aangezet toen {admin} de eerste mensen instelde onder een naam uit de \
         configuratie; het stopt zodra een beheerder onder de eigen loginnaam werkt (meldpunt agent add LOGIN \
         --role admin)."
    )
}

pub(super) fn err_companion_unreadable(path: &str, owner: &str) -> String {
    format!(
        "{path} is van {owner} en u mag het niet eens lezen, dus de database kan niet worden geopend. Geef het de \
         groep en rechten van het databasebestand (chgrp, chmod), of verwijder het terwijl niemand de database open \
         heeft."
    )
}

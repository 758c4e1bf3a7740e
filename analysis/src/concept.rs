//! Concepts: words residents use for one thing in municipal social policy
//! and public space ("rood staan", "betalingsachterstand", "deurwaarder"
//! are all debts). Ideas that share a concept are a little alike even when
//! they share no word. The groups are general Dutch for what a municipality
//! consults on, written from that domain, not from any labelled set.
//!
//! A word may belong to more than one concept; compounds reach concepts
//! through their parts ("huurachterstand": housing and debts). Words that
//! mostly say where, not what ("huis", "flat", "straat": "voor mijn huis")
//! are in no concept.

use crate::normalise::stem;
use std::collections::HashMap;
use std::sync::OnceLock;

const CONCEPTS: &[(&str, &str)] = &[
    (
        "schuld",
        "schuld schulden achterstand betalingsachterstand deurwaarder incasso incassobureau
         aanmaning aanmaningen beslag beslaglegging schuldeiser schuldeisers schuldhulp
         schuldsanering sanering schuldenaar rood afbetalen afbetaling lening lenen krediet
         rente boete boetes invordering",
    ),
    (
        "inkomen",
        "inkomen minimum minima minimuminkomen armoede arm krap rondkomen budget loon salaris
         geldzorgen portemonnee koopkracht",
    ),
    (
        "uitkering",
        "uitkering bijstand bijstandsuitkering toeslag toeslagen zorgtoeslag huurtoeslag
         kinderbijslag kindgebonden participatiewet ww wajong aow pensioen kwijtschelding
         regeling regelingen minimaregeling aanvraag aanvragen vergoeding",
    ),
    (
        "energie",
        "energie stroom elektriciteit gas verwarming verwarmen kachel cv isolatie isoleren
         energierekening energietoeslag energielabel energiearmoede tocht tochtstrips
         zonnepanelen thermostaat energiecoach afsluiting afgesloten",
    ),
    (
        "wonen",
        "woning woningen huizen huur huren huurder huurders verhuurder woningcorporatie
         corporatie woningbouw appartement kamer dakloos daklozen daklozenopvang
         woonruimte schimmel vocht starterswoning",
    ),
    (
        "werk",
        "werk werken baan banen werkgever werkgevers werkloos werkloosheid sollicitatie
         solliciteren vacature vacatures stage leerwerkplek werkervaring parttime
         arbeidsmarkt reintegratie omscholing bijverdienen",
    ),
    (
        "school",
        "school scholen basisschool middelbare leerling leerlingen leraar leraren docent juf
         meester klas huiswerk schoolreis schoolkamp ouderbijdrage schoolspullen onderwijs
         studie student studenten mbo hbo",
    ),
    (
        "zorg",
        "zorg zorgverzekering zorgkosten risico tandarts dokter huisarts ziekenhuis medicijnen
         fysiotherapie fysiotherapeut bril gezondheid ggz psycholoog therapie polis
         gemeentepolis ziek behandeling apotheek thuiszorg mantelzorg mantelzorger",
    ),
    (
        "voedsel",
        "eten voedsel voedselbank boodschappen supermarkt ontbijt lunch avondeten maaltijd
         maaltijden honger groente fruit koken recepten voeding",
    ),
    (
        "sport_cultuur",
        "sport sporten sportclub sportvereniging vereniging voetbal zwemmen zwemles zwembad
         dansen ballet balletles muziek muziekles museum theater bioscoop cultuur jeugdfonds
         contributie hobby",
    ),
    (
        "vervoer",
        "bus trein tram ov vervoer buurtbus taxi reizen reiskosten openbaar halte
         bushalte",
    ),
    (
        "digitaal",
        "internet wifi laptop computer tablet telefoon smartphone digitaal online website
         app digid email mail",
    ),
    (
        "ontmoeting",
        "eenzaam eenzaamheid ontmoeten ontmoeting buurthuis huiskamer koffie contact
         gezelschap schaamte schamen praten luisteren",
    ),
    (
        "loket",
        "loket spreekuur wijkteam contactpersoon aanspreekpunt consulent hulpverlener
         maatschappelijk buurtcoach inloop",
    ),
    (
        "papieren",
        "formulier formulieren brief brieven papieren post administratie bankafschrift
         bankafschriften loonstrook loonstroken taal begrijpelijk ingewikkeld",
    ),
    (
        "afval",
        "afval vuilnis vuil zwerfafval rommel container containers prullenbak prullenbakken
         vuilnisbak afvalbak grofvuil plastic glasbak kliko",
    ),
    (
        "groen",
        "groen boom bomen park plantsoen bloemen planten gras struiken natuur tuin tuinen
         moestuin bos",
    ),
    (
        "verkeer",
        "verkeer auto snelheid drempel drempels oversteek oversteken zebrapad
         kruispunt kruising rotonde stoplicht verkeerslicht hardrijden",
    ),
    (
        "fiets",
        "fiets fietsen fietser fietsers fietspad fietspaden fietsenstalling fietsenrek",
    ),
    (
        "parkeren",
        "parkeren parkeerplaats parkeerplaatsen parkeervergunning parkeerplek geparkeerd",
    ),
    (
        "spelen",
        "spelen speeltuin schommel glijbaan speelplaats trapveld skatebaan speelplek
         speeltoestel speeltoestellen",
    ),
    (
        "verlichting",
        "licht verlichting lantaarnpaal lantaarnpalen straatlantaarn straatverlichting
         donker pikdonker",
    ),
    (
        "veiligheid",
        "veilig onveilig veiligheid camera cameratoezicht politie wijkagent agent handhaving
         boa inbraak inbreker inbrekers diefstal criminaliteit drugs overval oplichting
         opgelicht oplichter oplichters babbeltruc fraude buurtpreventie",
    ),
    (
        "bewegen",
        "bewegen beweging beweegles gym gymles fitness wandelen wandelgroep yoga
         valpreventie conditie",
    ),
    (
        "mantelzorg",
        "mantelzorg mantelzorger mantelzorgers respijtzorg dagbesteding logeeropvang
         thuiszorg wijkverpleging verzorging",
    ),
    (
        "ouderen",
        "ouderen oudere senioren senior bejaarden bejaard pensioen gepensioneerd aow
         verzorgingshuis verpleeghuis dementie",
    ),
    (
        "overlast",
        "overlast geluid lawaai herrie stank rook luchtkwaliteit fijnstof stoken houtkachel",
    ),
    (
        "water",
        "water regen wateroverlast riool overstroming droogte hitte schaduw koelte",
    ),
    (
        "toegankelijk",
        "rolstoel toegankelijk toegankelijkheid stoep rollator beperking gehandicapt
         invalide bankje bankjes toilet",
    ),
];

/// Every word the list holds, for the compound lexicon.
pub fn words() -> impl Iterator<Item = &'static str> {
    CONCEPTS
        .iter()
        .flat_map(|(_, words)| words.split_whitespace())
}

/// The concepts of a stem, by index into the list.
pub fn of(stem: &str) -> &'static [u16] {
    static BY_STEM: OnceLock<HashMap<String, Vec<u16>>> = OnceLock::new();
    let by_stem = BY_STEM.get_or_init(|| {
        let mut by_stem: HashMap<String, Vec<u16>> = HashMap::new();
        for (i, (_, words)) in CONCEPTS.iter().enumerate() {
            for word in words.split_whitespace() {
                let concepts = by_stem.entry(stem_of(word)).or_default();
                if !concepts.contains(&(i as u16)) {
                    concepts.push(i as u16);
                }
            }
        }
        by_stem
    });
    by_stem.get(stem).map_or(&[], Vec::as_slice)
}

fn stem_of(word: &str) -> String {
    stem(&crate::normalise::fold(word))
}

/// How many concepts there are (their feature ids follow each other).
pub fn count() -> usize {
    CONCEPTS.len()
}

/// A concept's name, for tests.
#[cfg(test)]
pub fn name(concept: u16) -> &'static str {
    CONCEPTS[concept as usize].0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(word: &str) -> Vec<&'static str> {
        of(&stem(word)).iter().map(|c| name(*c)).collect()
    }

    #[test]
    fn words_for_one_thing_share_a_concept() {
        assert_eq!(names("deurwaarder"), ["schuld"]);
        assert_eq!(names("betalingsachterstand"), ["schuld"]);
        assert_eq!(names("stroom"), ["energie"]);
        assert_eq!(names("bijstand"), ["uitkering"]);
        assert!(names("fietsen").contains(&"fiets"));
        assert!(names("fantasie").is_empty());
    }

    #[test]
    fn names_are_distinct() {
        let mut seen: Vec<&str> = CONCEPTS.iter().map(|(n, _)| *n).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), CONCEPTS.len());
    }
}

/**
 * General-purpose name and role lists for the benchmark corpus. Written for the benchmark from
 * common given names and family names across regions; none are taken from the seed articles.
 */
export const GIVEN_NAMES = [
  'Amara', 'Anders', 'Aiko', 'Alejandro', 'Amina', 'Arjun', 'Beatriz', 'Bogdan', 'Camille', 'Carlos',
  'Chen', 'Chiara', 'Daniel', 'Dara', 'Divya', 'Elena', 'Emeka', 'Emily', 'Farid', 'Fatima',
  'Felix', 'Gabriela', 'Hana', 'Hassan', 'Helga', 'Ingrid', 'Isabel', 'Ivan', 'Jamal', 'Jana',
  'Javier', 'Ji-woo', 'Jonas', 'Julia', 'Kamal', 'Katarzyna', 'Kavya', 'Kwame', 'Laila', 'Lars',
  'Leila', 'Liam', 'Lucia', 'Mai', 'Malik', 'Marco', 'Maria', 'Mateo', 'Mehmet', 'Mei',
  'Mikhail', 'Min-jun', 'Nadia', 'Naledi', 'Nikos', 'Noah', 'Olga', 'Omar', 'Oscar', 'Patricia',
  'Pedro', 'Priya', 'Rafael', 'Rania', 'Ravi', 'Rosa', 'Ruth', 'Samuel', 'Sara', 'Sergei',
  'Sofia', 'Soo-ah', 'Stefan', 'Tariq', 'Thandiwe', 'Thomas', 'Tomasz', 'Usha', 'Valeria', 'Victor',
  'Wei', 'Yara', 'Yusuf', 'Zainab', 'Zoltan', 'Aarav', 'Bianca', 'Cyrus', 'Dmitri', 'Esther',
] as const;

export const FAMILY_NAMES = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Andersson', 'Bakker', 'Banerjee', 'Becker', 'Bianchi', 'Brennan', 'Castillo',
  'Chowdhury', 'Costa', 'Dahl', 'Delgado', 'Dimitrov', 'Dubois', 'Eriksen', 'Fernandes', 'Fischer', 'Garcia',
  'Gomez', 'Gupta', 'Haddad', 'Hansen', 'Hernandez', 'Horvath', 'Ibrahim', 'Iyer', 'Jansen', 'Jovanovic',
  'Kaplan', 'Kariuki', 'Kowalski', 'Kuznetsov', 'Larsen', 'Lindqvist', 'Lopez', 'Mahmoud', 'Mancini', 'Mendoza',
  'Moreau', 'Mwangi', 'Nair', 'Novak', 'Nowak', 'Okafor', 'Olsen', 'Osei', 'Papadopoulos', 'Park',
  'Pereira', 'Petrov', 'Popescu', 'Quinn', 'Ramirez', 'Rao', 'Reyes', 'Richter', 'Rossi', 'Salazar',
  'Santos', 'Schmidt', 'Shah', 'Silva', 'Singh', 'Sokolov', 'Suarez', 'Svensson', 'Tanaka', 'Torres',
  'Tran', 'Van Dijk', 'Vargas', 'Weber', 'Wojcik', 'Yamamoto', 'Yilmaz', 'Zhang', 'Zimmermann', 'Lee',
  'Nguyen', 'Kim', 'Hoffmann', 'Mensah', 'Oyelaran', 'Rahman', 'Sato', 'Volkov', 'Walsh', 'Young',
] as const;

export const ROLES = [
  'a senior fellow', 'a professor of international relations', 'a former defence official', 'a researcher',
  'a retired general', 'a political scientist', 'an analyst', 'a former diplomat', 'a lawmaker',
  'a security consultant', 'a spokesperson', 'a visiting scholar', 'the director of the Asia programme',
] as const;

export const ORGANISATIONS = [
  'the Centre for Regional Security', 'the Pacific Policy Institute', 'the National Defence Academy',
  'the Institute for Strategic Dialogue', 'Meridian University', 'the Harbor Foundation',
  'the Council on Maritime Affairs', 'the Eastern Studies Forum', 'Northgate University',
  'the Global Governance Lab', 'the Lakeside Institute', 'the Coastal Research Council',
] as const;

export const OUTLETS = ['reporters', 'a local newspaper', 'a radio programme', 'a television interviewer', 'the press', 'a news agency'] as const;

export const SUPPORT_CLAUSES = [
  'an Asian NATO would strengthen deterrence in the region',
  'the proposal for an Asian NATO deserves serious consideration',
  'a collective security alliance in Asia is overdue',
  'the region would benefit from an Asian NATO',
  'she backs the idea of an Asian NATO',
  'he supports building an Asian version of NATO',
] as const;

export const OPPOSE_CLAUSES = [
  'an Asian NATO is unrealistic and would raise tensions',
  'the proposal for an Asian NATO is a mistake',
  'an Asian NATO would provoke neighbours and divide the region',
  'she rejects the idea of an Asian NATO',
  'he opposes any Asian version of NATO',
  'the plan for an Asian NATO is unworkable',
] as const;

export const NEUTRAL_CLAUSES = [
  'the debate over an Asian NATO will continue for years',
  'governments in the region are watching the discussion closely',
  'it is too early to judge the proposal',
  'the talks are expected to resume next month',
] as const;

r"""Text normalisation for speech (English; Chinese numbers in ``normalize_zh``): turn what the
model cannot read into words.

``normalize_text(text)`` is pure and deterministic, never raises on any ``str``, and its output
is at most ``MAX_EXPANSION`` (20) times the input's length. It runs on each segment after the
segmenter has cut it (``voice_server.text.segmenter``).

What is covered (English; American readings)
---------------------------------------------
- **Unicode folding**: smart quotes to ``'`` and ``"``; en and em dashes to a pause (en dash between
  numbers to "to", between words a hyphen: ``mass–energy``, between two capitals alone "to":
  ``zones A–C``, not in a chain of them, ``D–A–D–G–B–E``); ``…`` to ``...``; non-breaking and
  other spaces to a space; ligatures (``ﬁ``); vulgar fractions (``½``); superscript ² and ³ (after a unit of length, an area's
  or a volume's: ``65 µg/m³`` -> ... per cubic meter, ``a 20 m² room``), other
  superscript powers (``10⁶``, ``10⁻⁹``: to the power of; a unit's after a number, ``0.5 s⁻¹``,
  ``kJ mol⁻¹``: per second, per mole; an ion's charge, ``Cl⁻`` -> Cl minus, ``Ca²⁺`` -> Ca two
  plus); zero-width characters, soft hyphens and
  variation selectors removed.
- **Markdown** from LLM output: ``**bold**``, ``_em_``, ``~~strike~~``, inline code (read as
  said, ``ls -la /tmp`` -> ls dash la slash tmp, ``user.name`` -> user dot name; a regular
  expression by what its parts mean, ``^\d{3}$`` -> start, digit three times, end, and one
  past 24 words not at all: "a regular expression"; ``voice_server.text.inline_code`` has the
  choice and why), placeholders in angle brackets (``kill -9 <PID>`` -> kill dash nine PID,
  ``<your-name>`` -> your name),
  ``# headings``, ``- bullets``, ``1)`` list numbers (read as ``1.``), ``> block quotes`` and
  GitHub's alerts (``> [!NOTE]`` -> Note), ``[link text](url)`` and ``[link text][1]`` (the text is
  kept; a reference's definition, ``[1]: https://...``, is not read), horizontal rules, table
  pipes (a cell of a check or a cross alone, ``| SSO | ✗ | ✓ |``: no, yes), task-list boxes
  (``- [x]``), footnote marks (``[^1]``; a footnote's text is read;
  in superscript, ``below.¹``, ``Note¹:``), an arrow as a line's bullet (``→ Next``), citations
  ``【1】``, ``【3†source】`` and ``[1]`` after Chinese text (``有益健康[1]。``), ``※``; a line
  that ends in an emoji still ends its sentence (``Done ✅⏎Next``).
  A line break after a word becomes a sentence break (``。`` after Chinese). HTML tags are dropped,
  ``<https://...>`` autolinks read as their address, entities (``&amp;``, ``&nbsp;``) become
  their characters.
- **URLs and emails** read out: ``https://www.example.com/a-b`` is "w w w dot example dot com
  slash a dash b", ``jo.doe@mail.org`` is "jo dot doe at mail dot org"; digits in them are read
  one by one, a port as a number (``localhost:3000`` -> colon three thousand); a URL's query and
  fragment (``?v=dQw4w9WgXcQ``, ``#install``) are not read: a listener cannot use them, and
  they are mostly identifiers. An address ends where Chinese, Japanese or Korean text resumes.
- **Abbreviations**: Mr., Mrs., Ms., Dr., Prof., Rev., Gen., Capt., Lt., Col., Sgt., Gov., Sen.,
  Rep., Mt., St. (Saint before a name, Street otherwise; Dr. likewise Doctor or Drive), a street's
  type and direction after a house number and a name, with or without a period (``123 Main St``,
  ``1600 Pennsylvania Ave NW``, ``5th Ave.``; St Ave Rd Blvd Ln Dr Ct Pl Hwy Cir Ter Sq Fwy Expy
  Pkwy Trl; no stop before the rest of the address: ``Main St. Apt. 4B``; a direction before the
  street's name, ``42 W. 57th St.`` -> forty-two West ...),
  No./Fig./Vol./Ch./Ep./Apt./Ste./Rm./Eq./p./pp./Op. (opus)/Tel. (``Tel. +44 20`` -> telephone plus four four ...) before a number (No. also before a model's code:
  ``Model No. XR-500``), Hwy./Rte. before a number, Jr., Sr., Inc., Ltd., Co., p.a., Corp., Dept.,
  Ave., Blvd., Rd., Ph.D., etc., e.g., i.e., cf., viz., a.k.a. (also known as), vs. (and vs),
  approx. (also capitalised; between a determiner and a noun approximate: ``the approx.
  cost``), ``Fed. R. Civ. P. 4`` (Federal Rule of Civil Procedure four; ``Fed. R. Evid.``),
  a state's code (``Cal. Gov. Code`` -> California Government Code, ``Code Civ. Proc.`` -> Code
  of Civil Procedure, ``Fla. Stat. Ann.`` -> Florida Statutes Annotated), a reporter's series
  between a volume and a page (``123 F.3d 456`` -> ... F third ..., ``F. Supp. 2d``),
  ``N°7`` (number seven), ``hwy`` (highway), clothing sizes (``XS–XXL`` -> XS to XXL),
  incl. and excl. (including, excluding; at a clause's end included: "utilities incl."), Est.
  before a year (Established: ``Est. 1998``, ``(est. 1837)``; otherwise estimated, ``Est.
  delivery``, ``(2023 est.)``; estimates after a word that beats or misses them, ``beat est. of
  $38.1B``), avg. (average), appt. (appointment), ea. after an amount (each),
  ca. before a number (circa), a.m., p.m., Sec. and Art. before a number, Ft. before a name (Fort),
  places as newspapers abbreviate them (``Phila.``, ``Calif.``; a state's after a city, ``Austin,
  Tex.`` -> Austin, Texas),
  WWII/WW2 (World War two), TL;DR, SEC forms (``10-K`` -> ten K), and dotted initialisms (U.S. -> U
  S). Their period is kept when it also ends the sentence (not before a time zone: "3 p.m. EST", "9
  a.m. Eastern"; for vs., e.g., i.e. and approx. only at the end of the text; nor for a company's
  suffix before a word that goes on with its name: ``Acme Corp. HQ``, ``Globex Inc. CEO``).
- **Numbers**: cardinals up to 10^36 (``1,234`` and ``1234``), decimals (``3.14`` -> three point one
  four), negatives (``-5``), leading zeros and longer numbers digit by digit, versions and IP
  addresses (``1.2.3`` -> one dot two dot three; a part of four digits in pairs, of five or
  more digit by digit, ``Chrome 122.0.6261.94`` -> ... dot sixty-two sixty-one dot ninety-four,
  ``build 22631.3155`` -> build two two six three one dot thirty-one fifty-five; a network's
  prefix, ``10.0.0.0/8`` -> ... slash eight; ``v2`` -> version two; after a product's name or
  "version" (or "is", a colon: ``Minimum Node is 18.18``; not before "times"), a minor number is
  a number: ``Python 3.11`` -> three point eleven, ``Ubuntu 22.04`` ->
  twenty-two oh four; a package's pin, ``torch==2.1.0`` -> torch version two dot one dot zero,
  ``react@18.2.0``, a bound, ``numpy>=1.24`` -> ... at least one point twenty-four; a
  bare one compared or listed with the version its sentence named, ``faster than 3.11``
  after ``Python 3.12`` -> ... three point eleven; a pre-release, ``1.0.0-rc.2`` -> ... R C two;
  a range of numbered sections or versions, ``sections 11.1-11.11`` -> ... eleven point one to
  eleven point eleven, ``3.9-3.12`` (backwards as decimals; ``1.0-1.05`` stays decimals); IEEE 802 standards, ``802.11ax`` -> eight oh two point eleven A X),
  years 1100-2099 (``1999`` -> nineteen ninety-nine, ``2005`` -> two thousand five; a count before
  a plural noun, "2024 units", unless "in", "since", "by", ``Q3`` ... precede it, or a
  possessive a year's not ending in 00, "your 2024 taxes"), earlier ones
  after "in", "since", "the year" ... or by an era (``in 1066`` -> in ten sixty-six, ``476 AD``),
  hexadecimal
  (``0x1F``, character by character), decades (``1990s``, ``'80s``, ``1980s-era``; teams,
  ``49ers``), a year's last two digits (``'99``, ``Q3'24``), ordinals (``1st``, ``22nd``),
  fractions (``3/4``, ``2 1/2``, ``1-1/2 cups`` -> one and one half cups; a chance, ``the
  probability is 1/36`` -> ... one in thirty-six, ``a 1/1000 chance``; splits, ``80/20`` ->
  eighty twenty; ``24/7/365`` -> twenty-four seven three sixty-five; an improper one next to
  ``=``, ``≈``, "pi is about", "multiply by", "divide it by" ..., ``22/7`` -> twenty-two over seven (not a date
  after "by" there: ``multiply by 9/5``, ``Divide it by 22/7``), else "slash": alone it may be
  a date written day first), ranges (``5-10`` -> five to ten, ``5%-10%``;
  as code writes them, ``0..n-1``, ``1...10`` -> one to ten;
  of ordinals, ``1st-2nd grade`` -> first to second grade; "between 9-10" ->
  between nine and ten; not a chain such as ``1-800-FLOWERS``, nor of three small numbers or
  more, ``the 3-2-1 rule``, ``a 4-3-3 formation`` -> four three three;
  vanity numbers, ``1-888-GO-DELTA`` -> one eight eight eight GO-DELTA; ``Q1-Q3``, ``FY23-FY25`` ->
  Q one to Q three; a season, ``2023/24`` -> twenty twenty-three to twenty-four), subtraction (the
  minus sign ``−``, or `` - `` in an equation: ``5 - 3 = 2``, ``2x - 1 = 3``, ``$100 - $35 = $65``;
  between amounts of one unit or currency where the second is less, ``5 kg - 2 kg``,
  ``$100 - $35``; after a variable:
  ``n-1``, ``x - y``; after a call or a power: ``len(arr) - 1``, ``2^31 - 1``), ``x`` and ``*``
  between numbers or variables (times; between lengths "by": ``12 ft x 15 ft``, ``a 9x13 inch pan``,
  a metric thread's size and pitch, ``M8 x 1.25`` -> M eight by one point two five; an inch
  thread's size, then its threads per inch, ``3/8"-16 UNC`` -> three eighths inch, sixteen UNC;
  ``12 x 8 x 4 in.`` -> twelve by eight by four inches; the size of a box, a rug, a print, a grid, a matrix ...,
  a ratio of parts, ``1 part bleach : 10 parts water`` -> ... bleach to ten parts water;
  ``a 10x12 box``, a baking pan's, ``a 9x13 pan`` -> a nine by thirteen pan; lumber, ``2x4s``
  -> two by fours), `` / `` between numbers (divided by; three or more before a word are
  choices, ``1 / 2 / 3 bedrooms`` -> one, two or three bedrooms, not in an equation's line),
  ``^`` (to the power of), scientific
  notation (``1e-5`` -> one times ten to the power of minus five), phone numbers (``555-123-4567``,
  ``+44 20 7946 0958``: digit by digit in their groups, the country code read;
  ``(555) 123-4567 x89``: extension eight nine; ten or eleven digits in one run after "call",
  "number" ...: ``18005550199``; national ones with a trunk 0, ``020 7946 0958``, ``07700 900123``,
  ``(02) 9876 5432``, ``0049 30 123456``, with an extension after a dash, ``+49 30 123456-0``;
  the trunk's ``(0)`` after a country code is not read; Australia's ``1300 655 506``;
  ``call 911`` -> nine one one, and where the text speaks of emergencies, ``emergency services
  are 112`` -> one one two, ``dial 999 or 112``, ``911 calls``; short codes, ``text STOP to 12345``, ``Text 741741``; star codes,
  ``dial *67`` -> star six seven; phone keys, ``press #``, ``press *``, ``the # key`` -> pound,
  star), model numbers
  in pairs (``RTX 4090`` -> RTX forty ninety, ``A320``, ``F-150``, ``Boeing 737``, ``Office 365``, ``Nikkei 225``, ``HTTP 404``,
  and an HTTP status before its reason or "error", ``a 404 error``, ``502 Bad Gateway``, after
  "HTTP", "status code", "returned a" and with others joined to it, ``HTTP 401/403``, ``a 401 or
  500 response`` -> a four oh one or five hundred response; without the article where the text
  speaks of the web, ``the API returns 401 or 403`` -> ... four oh one or four oh three, and
  before what it answers there, ``200 on success and 404 otherwise`` (a
  plural not of a round count, ``404 errors`` -> four oh four errors); a class of
  them, ``5xx`` -> five X X; a file's mode, ``chmod 755`` -> chmod seven five five (after "mode"
  or "permissions" where the text speaks of files, ``mode 600`` -> mode six zero zero); an
  identifier's five digits or more joined to its name, ``id_ed25519`` -> id ed two five five one
  nine; ``port 8080``, ``Room 101`` -> one oh one, ``Flight 370``, ``Suite 1204``; processors,
  ``i7-13700K`` -> i seven thirteen seven hundred K, ``Ryzen 9 7950X``;
  an airliner's variant, ``Boeing 737-800``, is no range; without the maker's name before a
  variant or MAX, ``737 MAX 8`` -> seven thirty-seven MAX eight, ``787-9``, ``777X``; a model's
  version joined to its name, then its size, ``Qwen2.5-72B`` -> Qwen two point five seventy-two B; roads, ``Hwy 101`` -> Highway one oh one, ``I-405``, ``Rte. 66``, ``Rt. 9W`` -> Route nine
  W), runways digit by digit with their side (``Runway 28L`` -> runway two eight left), a
  lithium cell's size (``2x 18650 cells`` -> two eighteen six fifty cells), blood pressure
  (``120/80 mmHg`` -> one hundred twenty over eighty ..., ``BP of 130/85``), ZIP codes after a city and state
  (``Austin, TX 78701``, digit by digit), UK postcodes (``SW1A 1AA`` -> S W one A, one A A),
  identifiers after "order", "code", "ID", "PIN", "tracking", "confirmation", "account", "claim",
  "policy", "SKU", "ZIP", "card ending in" ... (``order #123456789``, ``code is 583920``,
  ``ID: 7F3K-9Q2L``, ``Confirmation #: QX7-4412``, ``ticket # is 45821``, ``case no. 00458``,
  ``OTP 482 913``, ``ZIP 94105-1234``, ``Docket No. 22-1234``, and a code of capitals and digits after "number is",
  ``1EG4-TE5-MK73``, character by character, never a colour: ``Order #A12345``; a masked number,
  ``card ****1234``, ``xxx-xx-6789`` -> ending in one two three four; a promotion's code of
  words, ``code SAVE20`` -> code save twenty, ``FREESHIPPING25``); so are codes of capitals and
  digit groups, ``CS-2024-88123``, of capitals and five digits or more, ``KB5034441``, and of
  capitals and digits before a hyphen, ``AB12-34`` (not ``FY23-25``, a range); a CVE's year
  is a year: ``CVE-2024-3094`` -> C V E twenty twenty-four, three zero nine four), a
  standard's number, part and year (``ISO-8859-1`` -> ISO eighty-eight fifty-nine dash one,
  ``ISO 9001:2015`` -> ... ninety oh one, twenty fifteen; ``IEC 61131-3``, ``RFC-7231``),
  ``401(k)`` (four oh one k), ``a 529 plan`` (five twenty-nine), a rule's paragraphs (``Rule
  12(b)(6)`` -> twelve b six, ``501(c)(3)`` -> five oh one c three), ``Pub. L. 117-169`` (Public
  Law one seventeen, one sixty-nine), a federal case's number (``1:23-cv-04567`` -> one,
  twenty-three, C V, zero four five six seven), ``H.R. 3684`` in pairs, ``§§ 78a–78qq`` (... a
  to ... q q; ``§§ 2000e–2000e-17`` ... dash seventeen), one section's hyphen (``§ 2-207`` -> section
  two dash two oh seven), Canadian postal codes (``K1A 0B1``), a postcode of five digits before its city at
  an address's line (``10115 Berlin, Germany``: digit by digit), tax forms (``Form 1099``,
  ``the 1040 form``: in pairs) and extensions (``ext. 204``), tilde ranges (``10~20`` -> ten to
  twenty; after a date, ``2024-01-15~2024-01-20``; ``100～200`` -> 一百到二百 in Chinese), rates
  (``$3.50/month``, ``24 hrs/day``, ``40 MB/s``, ``$0.99/min``, ``$3/lb``, ``$0.25/text``, ``$3.49/gal``, ``$0.24/share``,
  ``$0.15/kWh``, ``$30/vehicle``, ``150 min./week`` -> per;
  "per min" -> per minute; ``29元/月`` -> 二十九元每月; ``£9.99 p/m``) and ratings (``4.5/5`` -> four point
  five out of five, ``98/100``, ``10/10``, a GPA's ``3.8/4.0``; a decimal's in arithmetic is
  "over", ``(1 + 0.05/12)``; ``9/11`` is nine eleven; ``7/10``
  after "scored", "rated", "a rating of", "Rating:", "gave it" or before "stars", "points") and
  positions (``Step 2/5``, ``Page 3/10`` after step, page, question, slide, part, round ...: step two of five); a price per
  a thousand or a million (``$0.15/1M tokens``, ``per 1K tokens`` -> per million, per thousand).
- **Money**: ``$ € £ ¥ ￥ ₹ ₩ ₽ ¢`` (``$-20``: minus twenty dollars), ``USD EUR GBP JPY INR KRW RUB``
  and ``CNY RMB RMB¥`` (yuan), other dollars (``C$ A$ NZ$ HK$ S$``, ``CAD AUD NZD HKD SGD``),
  ``MX$``/``MXN``, ``R$``/``BRL``, ``CHF``, ``zł``/``PLN``, ``Kč``/``CZK``, ``kr`` (kroner; ``SEK``
  kronor, ``NOK`` and ``DKK`` kroner), ``HUF`` before or after the amount (``25€``, ``50 US$``,
  ``837,82 R$``), written the continental way next to a currency (``1.299,00 €``, ``€3,50``,
  ``kr. 99,95``, ``R$ 49,90``), Swiss thousands by CHF (``CHF 1'234.50``), Indian grouping after
  the rupee's sign (``₹1,23,456``); a code between two numbers is the first's (``841 SGD 373 CNY``), unless that is a
  year, a label's number (``Room 5 EUR 90`` -> Room five ninety euros) or the code is joined to the
  second (``5 HK$6.50``); ``50p``, cents and pence (``$5.50`` ->
  five dollars and fifty cents; ``¥3.50``, with no coin to name, three point five yen), an
  accountant's negative (``$(3.2) million`` -> minus three point two million dollars), scales
  (``$1.5M``, ``$3.4T``, ``€2 billion``, ``₹500 crore`` -> five hundred crore rupees, lakh; not
  ``$5 T-shirts``), ranges (``$5-10k`` -> five to ten thousand dollars); after "a" or "an" a whole amount's currency is singular
  (``a $5 bill`` -> a five dollar bill; ``a $0.50 charge`` -> a fifty cent charge; after "the" or a
  count before a noun too, ``the $500 fee``, or after "a" and another adjective, ``a 10-year, $700M
  contract`` -> ... seven hundred million dollar contract; a range's,
  ``a $5-10 fee`` -> a five to ten dollar fee); an exchange
  rate's second amount is a decimal (``1 USD = 0.92 EUR`` -> ... equals zero point nine two
  euros); a pair of currencies, ``EUR/USD 1.0875`` -> euro dollar one point zero eight seven five;
  after its rate one per the other, ``1.35 CAD/USD`` -> ... Canadian dollars per US dollar;
  a range after a code, ``CHF 49–89`` -> forty-nine to eighty-nine Swiss francs; a currency and
  its scale repeated at both ends are said once, ``€65k–€80k`` -> sixty-five to eighty thousand
  euros, as a unit is, ``36°F–46°F`` -> thirty-six to forty-six degrees Fahrenheit; so after
  "to" and "between ... and", ``$80 to $120`` -> eighty to one hundred twenty dollars, and
  across scales, ``$500k-$1.2M`` -> five hundred thousand to one point two million dollars (not
  ``$5 to $10M``); a rate per dollar, ``¥151.9/$`` -> ... yen per dollar;
  a price per barrel, ``$70.58/bbl``, per square foot, ``$405/sq ft``; two amounts joined by
  a slash keep it, ``$1,600/$3,200`` -> ... dollars slash ... dollars; an amount or more,
  ``$1k+`` -> one thousand plus dollars (not ``$5+ tax``).
- **Percentages** (``50%``, ``-2.5 %``; a decimal's trailing zeros not said, ``5.50%`` -> five
  point five percent, ``4.00%`` -> four percent; a spaced slash between two, a pause) and
  percentage points (``-0.5 pp``, ``by 1 pp``; where a
  sign, a decimal, a word of change or of a share that strays says so, ``drifts more than 5 pp``:
  ``a 300 pp book`` stays; after an
  amount, ``€45 pp``, ``€25–35 pp``, per person); a sign after a word that says which way is not
  read (``up +3.2%``, ``fell -4%`` -> fell four percent; ``down -2 to -3%`` -> down two to three
  percent).
- **Sports and cars**: a tennis set's tiebreak with both players' points (``7-6(5)`` -> seven to
  six (tiebreak seven to five), ``6-7(3)``); fuel economy, city and highway (``32/41 mpg`` ->
  thirty-two city, forty-one highway miles per gallon; ``28/36/31 mpg``, combined last); a motor
  oil's grade (``5W-30`` -> five W thirty), a tire's load index and speed rating after its size
  (``225/45R17 94W`` -> ... ninety-four W); innings pitched in thirds (``6.2 IP`` -> six and two
  thirds innings pitched), half a point (``a 3.5-point favorite`` -> a three and a half point
  favorite), shots made for taken (``14-28 FG`` -> fourteen for twenty-eight FG), a chess
  rating in pairs (``a peak rating of 2882``), a pair of weights, a man's and a woman's (``24/16
  kg`` -> twenty-four or sixteen kilograms), a rest in minutes' or seconds' marks (``2' rest``
  -> two minute rest), a time under which a race is run (``a sub-4:00 mile`` -> a sub four
  minute mile; ``Goal: sub-2:00`` in a half-marathon's plan, two hours); a box score's final
  after overtime or a shootout (``F/OT`` -> final in overtime, ``F/2OT`` -> final in double
  overtime, ``F/SO`` -> final in a shootout; ``won in 2OT`` -> ... double overtime); a height
  before its noun after "a", ``a 5'10" runner`` -> a five foot ten runner; a speed's range
  from zero, an acceleration's, ``its 0–60 mph time`` -> ... sixty miles per hour time.
- **Batting averages** after "batting", "hitting", "average" ... or before "hitter", "OBP" ...
  (``batting .312`` -> batting three twelve, ``a .300 hitter``).
- **Prescriptions**: how often (``q12h`` -> every twelve hours, ``Q4-6H``), and after a dose
  ``BID``, ``TID``, ``QID``, ``QD``, ``QHS``, ``PRN``, ``PO`` (``b.i.d.``, ``prn`` ...: twice a day, three
  times a day, four times a day, once a day, at bedtime, as needed, by mouth); a course's length,
  ``daily x 5 days`` -> daily for five days (``q12h x 10 days``, ``TID x 7d`` too); a strength
  of a mass per a volume, ``160 mg/5 mL`` -> ... per five milliliters; ``Qty: 30`` (quantity).
- **Times** (``3:45 pm`` -> three forty-five P M, ``3:05`` -> three oh five, ``15:00`` -> fifteen
  hundred, ``12:00:30``, ``5pm``, ``9am-5pm`` -> nine A M to five P M ("between 9am-12pm": and),
  a TV listing's Eastern and Central times, ``9/8c`` -> nine, eight Central;
  a cricket side's runs for its wickets, ``287/6 in 50 overs`` -> two hundred eighty-seven for six;
  a range to or from a time past noon on the 24-hour clock, on that clock at both ends
  (``9:00–21:00`` -> nine to twenty-one hundred, ``09:00-17:00`` -> oh nine hundred ...),
  ``10a-4p``, ``7:45a``; as Europe writes them, ``9h-17h`` -> nine to seventeen
  hundred, ``8h30–17h``, ``at 17h`` (``lasts 10h-14h`` -> ten to fourteen hours); a zone's offset,
  ``UTC-5`` -> UTC minus five, and a bare one where the text speaks of zones, ``+00:00`` ->
  plus zero, ``-05:00`` -> minus five (after a time with seconds, ``14:30:00-05:00`` -> fourteen
  thirty UTC minus five); a time in two zones,
  ``9am PT/12pm ET`` (a pause); ``17:00h`` -> seventeen hundred hours, ``14h30`` (``2h15`` before no time word and up
  to 12: a duration); military times, ``0800 hours`` -> oh eight hundred hours, and with a leading
  zero after "at", "by", "from", "until" ... (``at 0600`` -> at oh six hundred) or in a range
  (``0900-1700``); "NNNN hours" without one is a time only after such a word or before "sharp",
  "local", "tomorrow", a time zone (``1600 hours sharp``; ``1600 hours of video`` is a count); after
  "at", ``2130`` and ``1045`` before a stop are times, other years stay years); a time taken,
  ``h:mm:ss`` after "finished in", "ran", "clocked", "a winning time of", "elapsed", "took", "the
  timer for" ..., before "marathon", "finish" ... (``a 2:01:09 marathon`` -> a two hour, one
  minute and nine second marathon) or past 24 hours (``finished in 2:03:45`` -> two hours, three
  minutes and forty-five seconds;
  ``ran 26.2 miles in 2:05:30``); a lap's or a split's minutes with a fraction of a second,
  ``1:21.345`` -> one minute and twenty-one point three four five seconds; on the minute after
  such a cue, ``rowed 2k in under 8:00`` -> ... eight minutes (hours after a long event's word:
  ``finished the marathon in 3:00``); a runner's pace, ``4:45/km`` -> four forty-five per kilometer.
- **Bible verses** after a book's name (``Mark 16:9`` -> Mark sixteen nine, ``1 Corinthians 13:4-7``
  -> First Corinthians thirteen four to seven; where the verse could be minutes, ``John 3:16``, a
  clock reads it the same).
- **Spec sheets and listings**: a count of ports or batteries (``2x USB-C``, ``1x HDMI``, ``4x AAA``
  -> two USB-C ...; ``3x faster`` and ``2x USB 3.2 speed`` stay times), sticks and drives
  (``2x 16GB sticks`` -> two sixteen gigabyte sticks), bedrooms and baths (``3BR/2BA`` -> three
  bedroom, two bath; ``2.5 ba`` -> two and a half bath).
- **Dates**: ISO ``2024-01-15`` (with a time, ``2024-12-05T14:30:00Z`` -> December fifth, twenty
  twenty-four at fourteen thirty UTC), ``2024/01/15``, US ``1/15/2024`` and ``1/1/25`` (day first
  where the first number is over 12: ``15/03/2024``), dotted day first ``05.03.2025``, the year
  first ``2025.03.15``, a year
  to this day (``2020–present`` -> twenty twenty to present), ``3/15``
  after "due", "by", "on", "until", "as of", "ends", "ETA", a weekday (``Tuesday, 12/10``) ...,
  with a leading zero (``03/14``), and in a range of dates (``12/24-12/26``, ``12/31-1/2``) (not 1/2, 2/3, 3/4 or before "of"), month names
  with a day (``Jan 5``, ``March 3rd``) and their ranges (``June 1-15``, ``Mar 5 - Apr 2``,
  ``Jan 5-Feb 3``), a range of months to a part of one (``Mar.–early Apr.`` -> March to early April),
  a short month name alone after "in", "since", "by", "mid-" ... (``in Dec.``;
  Jan and Mar only with their period), the day first before a month's name (``5 Jan 2024``, ``3-Jan-2024``,
  ``15 March``); short month names before a year (``Sept. 2023``, ``Jan '25``), month ranges
  (``Jan-Mar``,
  ``Jan 2025-Mar 2025``); weekday ranges (``Mon-Fri`` -> Monday to Friday; ``M-F``) and short names
  in a date or with a period (``Mon, Dec 5``, ``Sat.``; not ``Sun.`` alone: ``Sun., Dec 8``,
  ``Sun. at 4:25``), after a word that names
  a day (``by Fri``, ``closed Mon``, ``every Tue``; not ``Sun``) or joined to another
  (``Sat & Sun``, ``Tue, Thu``; ``Tue 3 Dec``), before a temperature (``Fri 27°C``) or a day of
  a range of weekdays (``Fri 14–Sun 16 June`` -> Friday the fourteenth to Sunday June
  sixteenth); a range of days before a month, ``1st–3rd March`` -> March first to third; a
  forecast's high and low after a weekday or with degrees (``Mon 72/58`` -> Monday, high
  seventy-two, low fifty-eight; ``27°C/18°C``; not ``Mon 12/10``, a date; ``27°C/81°F``, a
  temperature in both scales, is "or").
- **Units** after a number: cal (calories, ``250 cal each``; not near a gun's words), km, m, cm, mm, µm, nm, mi, ft, in (only as ``5in`` or after feet,
  ``6 ft 2 in``), yd, kg, g, mg, mcg, µg, lb, lbs, oz, L, ml, tsp, tbsp, mph, mpg, km/h, kph, m/s,
  °C, °F, °, a latitude or longitude (``51.5074°N`` -> ... degrees north, ``40°42'46"N`` ->
  forty degrees forty-two minutes forty-six seconds north), ms, µs, ns, sec, min, hr, h, Hz, kHz,
  MHz, GHz, rpm, fps, KB, MB, GB, TB, KiB, MiB,
  GiB, TiB, TB/s, spm (steps per minute), kbps, Mbps, Gbps, ``Mbit/s``, ``kbit/s``, ``Gbit/s`` (and ``Mbit`` ...: megabits), tok/s, req/s (req/sec, tok/sec, ops/s, ops/sec), bps (basis
  points, under 1,000), bp (``50bp`` -> fifty basis points; in a text about DNA, "a 500 bp
  fragment", base pairs: left), kJ, J after a space (``8.314 J`` -> ... joules, ``J/(mol·K)``
  -> joules per mole kelvin; not ``seat 23J``), mol, mW, W,
  kW, MW,
  GW, TW, Wh, kWh, MWh, GWh, TWh, V, mAh, kcal, ppm, ppb, dB, hPa, kPa, psi, pts, yr, wk, mo, gal,
  qt, hp, lb-ft, ft-lbs (foot-pounds), VA and kVA (a UPS's ``1500VA/900W`` -> fifteen hundred
  volt-amp, nine hundred watt before its noun), atm, Nm and ``N·m`` (newton meters), ``in.`` with its
  period before a lowercase word (``0.031 in. and`` -> ... inches), a wind's direction before its
  speed (``Winds SW 10–15 mph`` -> winds southwest ...) and after a distance before "of" (``35 km SW of
  the city`` -> ... southwest of), an earthquake's magnitude (``M6.4`` -> magnitude six point four,
  where the text speaks of earthquakes), kN, N/m, N where the sentence speaks of
  forces or an equation gives the number (``a tension of 12 N``, ``= 9.8 N``; else north or a
  grade: ``2 km N``), ha, dL, mmol, mM, µM, nM (millimolar ...),
  mEq, fl oz, Ω (kΩ, MΩ), sq ft (sq. m ...), ng, pg, µL, IU, mIU, µIU (micro-international
  units), yds, a box score's reb, ast, stl,
  blk (rebounds, assists, steals, blocks), a quarterback's TD and INT (touchdowns,
  interceptions), Tbsp, doz, y/o (years old), GB in standings (after a record or near "games
  back", "standings": ``Nuggets 48-25, 9.5 GB`` -> nine and a half games back;
  ``2.5 games back``), M before a chemical formula or "solution" (``0.5 M NaCl`` -> zero point five
  molar NaCl; a formula with a small letter or a digit: not ``NO``), k (thousand;
  ``10K employees`` before a plural noun; before a unit, ``1.2k req/s`` -> one point two thousand
  requests per second, ``5k rpm``; a race's, ``a 10k run``, ``ran a 10k`` -> ten K), M (million), bn (billion), B and T before a plural noun
  (``70B parameters``, ``15T tokens``), x (times; ``3x-5x faster`` -> three to five times; a
  variable before an operator or a power,
  ``2x + 3``, or in a text with a variable x; a quotient after a power, ``x³/3`` -> x cubed
  over three; a count of things of one weight or volume,
  ``2 x 500 mg tablets`` -> two five hundred milligram tablets, and without a noun after it
  ``1 x 23 kg`` -> one by twenty-three kilograms; sets and reps, ``3x10 reps`` -> three sets of
  ten reps, ``3×10 squats``, ``Squats: 4x8`` -> squats: four sets of eight; a repetition
  maximum, ``1RM`` -> one rep max; a USB link's lanes, ``USB 3.2 Gen 2x2`` -> ... Gen two by two); a unit's period
  inside a sentence is the unit's (``6 ft. tall``); the feet mark (``12' x 15'``, ``12'x15'``,
  ``12'6" x 15'``); singular for
  exactly 1, after "a" or "an"
  (``a 4TB drive`` -> a four terabyte drive), after "the" or a count before a noun
  (``the 10MB limit``, ``two 500 mg tablets``; not ``250 g flour``) and after a proper fraction
  (``1/2 tsp`` -> one half teaspoon), and for each side of a size before its noun
  (``a 12' x 15' room`` -> a twelve foot by fifteen foot room); after a power of ten,
  ``250 x 10^9/L``, ``10³/µL``,
  ``11 K/µL`` -> ... per liter; an amount before a slash and another, ``1.5GB/2GB`` -> ...
  gigabytes slash two gigabytes; "degrees C" (Celsius); one unit per another (``5mg/kg`` ->
  five milligrams per
  kilogram; ``10 mg/kg/day``, ``$8/user/month``: per ... per day; per a count of hours,
  ``1,200mg/24h`` -> ... per twenty-four hours; after a count's noun, ``5 doses/24 h``; after a
  span's, ``3 nights/4 days`` -> three nights and four days); sizes of memory to choose
  from (``8/16GB``, ``128GB/256GB/512GB``, ``256GB / 512GB / 1TB`` -> ... or ...; not
  ``475/500 GB`` or ``12GB / 16GB``, used of all: ... of ...); a range of amounts each with
  its unit (``2GB–4GB`` -> two gigabytes to four gigabytes); a unit's period before a comma
  goes (``12 mo.,``);
  Kubernetes' ``256Mi``, ``2Gi`` (mebibytes, gibibytes) and ``250m CPU`` (millicores);
  megapixels where the text is of cameras (``a 48MP camera``; not a game's ``20 MP``);
  ``100 req/min`` (requests per minute); electronics' ``mA``, ``µA``, ``µF``, ``nF``, ``pF``,
  ``µH``, ``mJ``, ``mV``, ``kV``; ``inHg``, ``nmi``, ``cu ft``, ``ly`` (light-years), ``Mpc``;
  the Sun's ``M☉``, ``R☉``, ``L☉`` (solar masses ...); ``3.5 GB behind`` (games behind); a British rent's ``pcm`` (per month); a charger's
  ``5V/3A`` (five volts at three amps); a size of memory as an option takes it,
  ``--memory=2g`` -> ... two gigabytes, ``-Xmx512m``; where the text says which, ``273.15 K``
  (kelvin: it speaks of heat; a colour temperature where it speaks of light, ``2700K bulbs`` ->
  twenty-seven hundred kelvin bulbs, ``6500K``), ``938 mb`` (millibars: of pressure or storms), ``15 kt`` (knots:
  of wind, boats, flight; ``14 kt gold``, karat), ``a 48 A breaker`` (amp: of breakers,
  circuits, chargers, volts); elsewhere each stays as written.
- **Roman numerals** where they are numbers: after Chapter, Part, Vol., Book, Act, Type, Class,
  Episode, Season, War, Bowl ... (``World War II`` -> World War two) and after a monarch's or
  pope's name (``Henry VIII`` -> Henry the eighth; never ``I``: "Mary I was"); a lone C or L
  is a letter (``Class C``, ``USB Type C``).
- **Seconds and eras**: ``30s`` after "the", "his", "early", "mid-" ... or in a range
  (``20s-30s``) is an era, otherwise seconds (``a 30s timeout``); so are three digits, but
  hundreds (``the 110s`` -> one hundred tens, ``to 120s`` seconds, ``100s of``); ``9.58s``, ``3.1 s``; other
  whole seconds after a tilde or a bracket (``~2s``, ``(5s max)``; not an ``iPhone 4s``).
- **Number words joined by a hyphen** (``24-hour`` -> twenty-four hour, ``19th-century``; a unit,
  singular before a noun: ``a 30-min call`` -> a thirty minute call, ``the 10-yr Treasury``),
  durations (``1h30m``; singular before a noun, ``a 24h pass`` -> a twenty-four hour pass;
  ``5m30s``, ``4-6h`` -> four to six hours; a range's unit too, ``a 4-6h hike`` -> a four to six
  hour hike, ``a 2-3 min read``), video resolutions (``1080p`` -> ten eighty p; ``1080p60`` -> ten eighty p sixty), screen
  sizes (``1920x1080`` -> nineteen twenty by ten eighty), aspect ratios (``16:9`` -> sixteen by
  nine; ``4:3``, ``9:16``, ``1:1`` only before "screen", "video", "photos" ... or after "aspect
  ratio": ``won 3:2`` and ``a 2:1 ratio of water`` stay "to"; so does a proportion that could be
  a time, ``a 1:10 ratio``, ``a 1:10 bleach-to-water ratio``, ``diluted 1:20``; a meeting of two, ``1:1 meetings``, ``weekly 1:1s``
  -> one-on-ones), thousands joined to a noun (``a 1M-key dataset``, ``a 200K-token context`` -> a two hundred thousand
  token context), heights (``5'11"``, ``5'11``),
  a football match's minutes (``Salah 23', 67'`` -> Salah minute twenty-three, minute
  sixty-seven; stoppage time, ``90+2'`` -> minute ninety plus two, and with it in the text a
  name's mark too, ``Ronaldo 88', Benzema 90+3'``; ``scored in the 23'`` ->
  scored in the twenty-third minute; ``He scored at 61'.`` -> ... at minute sixty-one; ``in the 23' minute`` -> in the twenty-third minute; after a
  name in a list or brackets, or alone where its clause ends, ``Salah 23'``, ``Salah (23')``,
  not after what is measured, ``Kitchen 12'``, nor after a word of a product's name,
  ``Little Giant 22'`` -> Little Giant twenty-two feet; after "in the", or near
  a football word, "goal", "penalty" ...; otherwise feet), inches
  (``6.7"``, ``1/4"``, unless the quote closes one opened before it; a size, ``12" x 8"``, ``a
  9x13" pan`` -> a nine by thirteen inch pan; with its sides' letters, ``20"W x 16"H`` -> twenty
  inches W by sixteen inches H; a range, ``38–40"`` -> thirty-eight to forty inches),
  ``9.30am``; a screen's size after its maker's name, ``The Samsung 65" QN90C`` -> ... sixty-five
  inch QN ninety C.
- **Symbols**: a note's ``E♭``, ``F♯`` (E flat, F sharp), ``& @ + = # % ‰ © ° ± +/- × ÷ < > ≤ ≥ ≠ ≈ ~ § √ ∞``
  (one degree after "per", "each", "a": ``per °C`` -> per degree Celsius; ``>`` joined to an
  amount after a word, ``for >60 min`` -> for more than sixty minutes), the minus sign between
  terms (``3x − 5``, ``a − b``), signs of sets, logic and calculus (``x ∈ ℝ`` -> x in R,
  ``x ∈ [0, 1]`` -> x in the interval from zero to one, ``A ∩ B``, ``∀``, ``∃``, ``∑``,
  ``∫``; in Chinese 属于, 交 ...), a factorial before an operator or
  "is" (``10! = 3,628,800`` -> ten factorial equals ...) (``≈`` after a value or a
  variable is "is approximately", ``π ≈ 3.14``, so spaced after a noun, ``My 1RM ≈ 185 lb``,
  ``the total ≈ $1,200``; after a verb or a preposition "about", ``takes ≈5 hours``, ``costs ≈
  $5``; after
  "about", "around", "roughly" ... neither it nor ``~`` is read: ``about ~5 min``; after an
  article ``~`` is "roughly", ``a ~10-day trip``; after a value
  with its unit or currency too, ``1 mile ≈ 1.609 km``, ``€355 ≈ $383``; LaTeX's ``\approx``
  likewise); code's
  comparisons (``x == 2``
  -> x is equal to two; ``===``, ``!==``: strictly) and ``a || b`` (or); arrows (``-> => → ⇒ ⟶ ➜``
  to; between equations so, ``3x + 7 = 22 → x = 5``; in a chemical equation yields, ``2H2 + O2
  → 2H2O``, ``⇌`` is in equilibrium with, and a state's letters words, ``NaCl(aq)`` -> NaCl
  aqueous; ``←`` from, ``↔`` and, ``⇔`` if and
  only if; ``↑ ↓ ▲ ▼`` before a change, up and down,
  ``(↑18%)``, unless a word says which way: "fell ↓3.2%"); ``over/under`` (a bet's total);
  ``#1`` -> number one; a hashtag (``#AI`` ->
  hashtag AI; a Chinese topic, ``#人工智能#``, is its words); ``/`` between words ("and/or" -> and or,
  ``he/she``, ``yes/no`` -> he or she, yes or no, two plurals "and", ``stocks/bonds``,
  ``pros/cons`` -> pros and cons (not units, ``mins/secs``, nor a folder's path, ``in
  assets/images``), otherwise "slash"; a number or a variable over a
  bracket, ``1/(2πRC)``, ``x/(1+x)``: over; spaced, ``d / t`` between lone letters or after ``=`` in its clause,
  ``BMI = weight / height``: divided by; after a bracket, ``n(n+1)/2``, ``(n - 1) / 2``: over), ``P(A|B)`` (A
  given B), ``§§`` (sections), a Mac's keys
  (``⌘ ⌥ ⇧ ⌃``: Command, Option, Shift, Control), a minus before a variable (``(-b``), a
  function's empty brackets (``get_user()``); `` > `` between capitalised
  words is a menu path ("Settings > Privacy" -> Settings, then Privacy; so is an arrow's in a
  chain or after "Go to", "Open" ...: ``Settings → General → About``).
- **Math** as LLMs write it: ``$...$`` (where pandoc would take it for math: ``$n = 10$`` is no
  money, ``$5 and $10`` is), ``$$...$$``, ``\(...\)``, ``\[...\]`` delimiters dropped; ``x^2``
  squared, ``^3`` cubed, other powers "to the power of"; ``\frac{a}{b}`` (a over b; three deep, a
  root inside), ``\sqrt{x}``, ``\int``/``\sum``/``\prod`` with their bounds, Greek letters (``\pi``,
  and ``π`` or ``Δx`` on their own in text without Greek words),
  ``\times \cdot \leq \geq \neq \approx \infty \pm \cap \cup`` and a few functions, a fraction's part
  that opens with a minus (``\frac{-b}{2a}`` -> minus b over two a); any other command is read
  as its name. Code fences and their language tag are not read (the code inside is, as prose: an
  answer that says "run this" would otherwise leave a silence the listener cannot explain; a client
  that wants code skipped drops it before sending, where it knows what its LLM writes).
- **Flags** of common countries are their names (``🇯🇵`` -> Japan; 日本 in Chinese text; the table
  is ``voice_server.text.flags``).
- **Removed**: emoji, pictographs, other flags, emoticons (``:)``, ``;-)``, ``:D``, ``^_^``; not
  ``<3`` or ``XD``, which also mean less than three and a product), other symbols the model cannot
  read, control characters; whitespace runs collapse to one space; runs of ``!``, ``?`` or ``…``
  become one mark and runs of dots an ellipsis.
- **Chinese**: in text whose CJK characters, at three Latin letters each, outweigh its Latin
  letters (twice as much where Chinese punctuation, ``，。！？；：、``, is in it; without CJK
  characters such punctuation alone, where no English word of three letters is in it:
  ``1+1=2，2×3=6。``; so is a segment of numbers and signs alone after a Chinese one, a table's
  row ``| ¥1,299 | ¥2,499 |``, and any row of a table with a CJK character in it, ``| iPhone 15 |
  6.1英寸 |``: ``normalize_text(text, after_chinese=True)``), numbers are read
  in Chinese by ``normalize_zh`` (its docstring has the list:
  cardinals by 万 and 亿, decimals, percentages, fractions, 第N, years and dates, times, ranges,
  money, units, phone numbers and codes digit by digit with 幺, 两 before a measure word;
  ``100+个`` is 一百多个), URLs and emails in it are read as above, and comparison and
  arithmetic signs read in Chinese (``=`` 等于, ``≥`` 大于等于, ``≈`` 约等于, ``&`` 和, ``+`` 加,
  ``±`` 正负, ``√`` 根号, ``==`` 等于, ``===`` 全等于; a tilde between weekdays or Chinese
  numerals 到 (``周一~周五``), any other a tone's, a pause (``好的呢~有什么``); 设置 > 隐私 is a
  menu path; a number's sign before a code is not read: ``订单#A-102``, ``#AI#话题``; ``#号键`` 井号键). In other text,
  digits next to Chinese, Japanese or Korean characters are left as written (the model reads
  them there).

Tech words: ``A/B``, ``I/O``, ``TCP/IP`` (no "slash"), ``C#`` and ``F#`` (sharp), ``.NET`` (dot
NET), ``Node.js``, a file's extension (``app.py`` -> app dot py), a Java-style package's path
(``com.acme.util.Parser`` -> com dot acme dot util dot Parser), a source file's line and
column (``ProductList.jsx:18:27`` -> ..., line eighteen, column twenty-seven), a connection's
speeds (``500/50 Mbps`` -> five hundred megabits per second down and fifty up), an IP address's port
(``10.0.0.1:5432`` -> ... colon fifty-four thirty-two; ``localhost:8080``), a port mapping after
``-p``, ``--publish``, ``ports`` (``-p 8080:80`` -> eighty eighty colon eighty), a port and its
protocol (``443/tcp`` -> four forty-three slash T C P, ``8080:80/udp``), Windows by its short
name (``Win11`` -> Windows eleven), ``--verbose`` (dash
dash), ``YoY``/``QoQ``, ``y/y``/``m/m``, a colour's code (``#FF5733``, ``#fff`` -> hex F F F),
relative paths (``./configure`` -> dot slash configure), an API's path
(``/api/v1/users/{id}`` -> slash api slash version one slash users slash id), a Windows path
(``C:\Program Files\App`` -> C colon backslash Program Files backslash App), a spreadsheet's
range of cells (``=SUM(A1:A10)`` -> ... A one to A ten; whole columns, ``=XLOOKUP(A2, B:B, C:C)``
-> ... B to B, C to C; a sheet's, ``Sheet2!A:C`` -> Sheet two, A to C; ``$A$1`` -> A one), ``Model #:`` (number), a version's wildcard
(``3.x`` -> three dot
x), an algorithm's complexity (``O(n log n)`` -> big O of n log n; ``an O(n²)`` -> a big O ...); a command's short options
(``tail -n 50`` -> tail dash n fifty, after ``ls``, ``kill``, ``git``, ``sed`` ...; an empty
argument, ``sed -i ''`` -> sed dash i empty string; a substitution's quote, ``'s/a/b/'``, apart
from the word before), one named in prose after a word that uses it (``Use -i to edit in
place``, ``-v and -i`` -> dash i; not ``x and -x``); a path from the root
or home (``/usr/bin`` -> slash usr slash bin, ``~/.bashrc`` -> tilde slash dot bashrc); keys
held together (``Ctrl+Alt+Del`` -> Control plus Alt plus Delete); words written as a count of
their letters (``k8s``, ``i18n``, ``a11y``, ``e2e``: Kubernetes ...); ``w/o`` and ``b/c``
(without, because); a rating in stars (``4.5★``, ``★★★★☆`` -> four out of five stars); a
model's name and its numbers, ``Llama-3-70B`` (no range; a size in millions, ``SmolLM-135M`` ->
SmolLM one hundred thirty-five M), a mixture of experts, ``8x7B`` ->
eight by seven B; memory's speed, ``DDR5-6000`` -> DDR five six thousand; citation marks (``[1]``,
and
`` [1, 2]`` or `` [3-5]`` after a space unless a word names them: "see [2]") are dropped, and
brackets and braces in code; subscript digits (``CO₂``) are digits.

Not covered: other languages' number words, Roman numerals elsewhere, context-dependent readings
(``lead``, ``read``), arbitrary abbreviations, chemical formulas, math beyond the above, a
sentence break after a dotted initialism before a capital ("the U.S. It" reads "U S It").
"""

from __future__ import annotations

import functools
import html
import logging
import re
import string
import unicodedata
from collections.abc import Callable, Iterable

from voice_server.text.flags import read_flags
from voice_server.text.inline_code import read_inline_code
from voice_server.text.normalize_zh import SUPERSCRIPTS, VERSIONED, read_chinese
from voice_server.text.rules import Rule, apply as _apply

log = logging.getLogger(__name__)

MAX_EXPANSION = 20
"""Output length is at most this many times the input length."""

# --- number words -----------------------------------------------------------------------------

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()  # fmt: skip
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ("_ thousand million billion trillion quadrillion quintillion sextillion septillion "
           "octillion nonillion decillion").split()  # fmt: skip
_MAX_CARDINAL_DIGITS = 3 * len(_SCALES)
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                  "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}  # fmt: skip


def _below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    elif rest or not hundreds:
        words.append(_ONES[rest])
    return " ".join(words)


def cardinal(n: int) -> str:
    """``1234`` -> "one thousand two hundred thirty-four" (digit by digit past 10^36)."""
    if n < 0:
        return "minus " + cardinal(-n)
    if n < 1000:
        return _below_1000(n)
    if len(str(n)) > _MAX_CARDINAL_DIGITS:
        return digits(str(n))
    words = []
    for scale, group in enumerate(_groups_of_1000(n)):
        if group:
            words.append(_below_1000(group) + (f" {_SCALES[scale]}" if scale else ""))
    return " ".join(reversed(words))


def _groups_of_1000(n: int) -> list[int]:
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    return groups


def ordinal(n: int) -> str:
    """``22`` -> "twenty-second"."""
    words = cardinal(n)
    head, sep, last = words.rpartition("-" if words.rfind("-") > words.rfind(" ") else " ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def year(n: int) -> str:
    """``1999`` -> "nineteen ninety-nine", ``2005`` -> "two thousand five", ``1900`` ->
    "nineteen hundred"; outside 1100-2099 a plain cardinal."""
    if not 1100 <= n <= 2099 or 2000 <= n <= 2009:
        return cardinal(n)
    return _in_pairs(n)


def _in_pairs(n: int) -> str:
    """Read in pairs of digits, as years and sizes are: 1080 "ten eighty", 600 "six hundred",
    1905 "nineteen oh five"; below 100 a plain cardinal (port 22 "twenty-two", not "zero
    twenty-two")."""
    if n < 100:
        return cardinal(n)
    high, low = divmod(n, 100)
    if low == 0:
        return f"{cardinal(high)} hundred"
    return f"{cardinal(high)} {'oh ' if low < 10 else ''}{cardinal(low)}"


def digits(text: str) -> str:
    """``"007"`` -> "zero zero seven" (any decimal digit; other characters are skipped)."""
    return " ".join(_ONES[int(c)] for c in text if c.isdecimal())


def _plural(words: str) -> str:
    """"ninety" -> "nineties", "six" -> "sixes", "hundred" -> "hundreds"."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    return words + ("es" if words.endswith(("x", "s")) else "s")


def read_number(text: str, as_year: bool = True) -> str:
    """Read a numeral as written: ``-1,234.50``, ``007``, ``1.2.3``, ``1999``.

    Args:
        text: optional ``-``, digits with optional thousands commas, optional ``.digits``
            parts (two or more make a version number, read with "dot").
        as_year: read plain four-digit numbers 1100-2099 as years.
    """
    sign = "minus " if text.startswith("-") else ""
    body = text.lstrip("-")
    whole, *fractions = body.split(".")
    whole = whole.replace(",", "")
    if len(fractions) > 1:
        return sign + " dot ".join(map(_version_part, [whole, *fractions]))
    words = _read_integer(whole, as_year and not sign and not fractions and "," not in body)
    if fractions:
        words = (f"{words} " if whole else "") + "point " + digits(fractions[0])
    return sign + words


def _version_part(text: str) -> str:
    """A version's or a build's part between dots as it is said: ``94`` "ninety-four", ``6261``
    "sixty-two sixty-one" (as a model's number is; was "six thousand two hundred ..."), five
    digits or more one by one (``22631``: Chrome's 122.0.6261.94, Windows' 10.0.22631)."""
    if len(text) == 4 and text[0] != "0":
        n = int(text)
        return cardinal(n) if n % 1000 == 0 else _in_pairs(n)
    return digits(text) if len(text) > 4 else _read_integer(text, False)


def _read_integer(text: str, as_year: bool) -> str:
    if not text:
        return ""
    if (len(text) > 1 and text[0] == "0") or len(text) > _MAX_CARDINAL_DIGITS:
        return digits(text)
    if as_year and len(text) == 4:
        return year(int(text))
    return cardinal(int(text))


# --- unicode folding and cleanup ------------------------------------------------------------

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2043": "-",
    "\u2026": "...", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
    "\ufb04": "ffl", "\u00bd": " 1/2", "\u2153": " 1/3", "\u2154": " 2/3", "\u00bc": " 1/4",
    "\u00be": " 3/4", "\u2155": " 1/5", "\u215b": " 1/8", "\u215c": " 3/8", "\u215d": " 5/8",
    "\u215e": " 7/8", "\u00b2": " squared", "\u00b3": " cubed", "\u2103": "°C", "\u2109": "°F",
    **{chr(0x2080 + d): str(d) for d in range(10)},  # subscripts: CO₂, H₂O
    "\u2022": "\n- ", "\u00b7": " ", "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "",
    "\u2060": "", "\ufeff": "", "\u203b": " ", "\uffe5": "¥", "\uff5e": "~", "\t": " ", "\r": "\n", "\u2028": "\n",
    "\u2029": "\n",
    **dict.fromkeys("\u21d2\u27f9\u27f6\u279c\u2794\u27a1\u21e8\u21a6", "\u2192"),  # ⇒ ⟹ ⟶ ➜ ...
    "\u2318": " Command ", "\u2325": " Option ", "\u21e7": " Shift ", "\u2303": " Control ",
    "\u27f5": "\u2190", "\u21d0": "\u2190", "\u27f7": "\u2194", "\u27fa": "\u21d4",  # ⟵ ⇐ ⟷ ⟺
})  # fmt: skip
_SPACES = re.compile(r"[^\S\n]+")
_VARIATION_SELECTORS = re.compile(r"[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


_SUPERSCRIPT_POWER = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]{2,}|[⁰¹⁴⁵⁶⁷⁸⁹⁻⁺]")
"""A power written in superscripts other than a lone ² or ³ (``10⁶``, ``10⁻⁹``, ``x¹⁰``)."""


_FOOTNOTE_MARK = re.compile(r"(?<=[.,;:!?\"”])[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?=[\s)]|$)|(?<=\b[A-Za-z]{3})¹"
                            r"(?![⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺])|(?<=[A-Za-z]{4})¹(?![⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺])")
"""A footnote's mark in superscript: after a stop or a closing double quote (``below.¹``), or
a lone ``¹`` after a word of three letters or more (``Note¹:``; was "to the power of one");
not ``x¹``, ``(x+1)²``, ``f'²``."""
_SUPERSCRIPT_DIGITS = tuple("⁰¹²³⁴⁵⁶⁷⁸⁹")
_ION_CHARGE = re.compile(r"(?:(?<=[A-Z])|(?<=[A-Z][a-z])|(?<=[₀-₉)\]]))(?P<n>[²³⁴⁵⁶⁷]?)(?P<sign>[⁺⁻])"
                         r"(?![⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻\w])")
"""An ion's charge after its formula: ``Cl⁻``, ``Ca²⁺``, ``SO₄²⁻`` (not a power: ``10⁻⁹``)."""


def _ion_charge(m: re.Match[str]) -> str:
    """``Cl⁻`` -> "Cl minus" (was "Cl -"), ``Ca²⁺`` -> "Ca two plus" (was "Ca squared plus")."""
    count = cardinal(int(m["n"].translate(SUPERSCRIPTS))) + " " if m["n"] else ""
    return f" {count}{'plus' if m['sign'] == '⁺' else 'minus'}"


_ASCII_SPACES_TO_FOLD = ("  ", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
"""What ``_SPACES`` changes in ASCII text once tabs and carriage returns are folded: two
spaces, or a space character other than the space and the line break."""


_SQUARE_OR_CUBIC_UNIT = re.compile(r"(?:(?<=\d)|(?<=\d )|(?<=\d[kKM] )|(?<=/))"
                                   r"(km|cm|mm|m|ft|in|yd|mi)"
                                   r"([\u00b2\u00b3])(?![\w\u00b2\u00b3])")
"""A unit of length squared or cubed after a number or a slash: an area's or a volume's, as
said: ``10 m³`` ten cubic meters, ``24 kg/m²`` ... per square meter (were "meters cubed"); after
thousands or millions, ``5M km²`` five million square kilometers."""


def _square_or_cubic(m: re.Match[str]) -> str:
    if m.string[m.start() - 1 : m.start()] == "/" and not any(
            c.isdigit() for c in m.string[max(0, m.start() - 10) : m.start()]):
        return m[0]  # mg/m³ with no amount before it: left to read as written
    return f"{'sq' if m[2] == chr(0xB2) else 'cu'} {m[1]}"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if text.isascii():  # no superscript, ligature or selector: only tabs, CRs and spaces
        if "\t" in text or "\r" in text:
            text = text.translate(_FOLD)
        if any(space in text for space in _ASCII_SPACES_TO_FOLD):
            text = _SPACES.sub(" ", text)
        return text
    if any(c in text for c in _SUPERSCRIPT_DIGITS):
        text = _FOOTNOTE_MARK.sub("", text)
    if "⁺" in text or "⁻" in text:
        text = _ION_CHARGE.sub(_ion_charge, text)
    if "\u00b2" in text or "\u00b3" in text:  # 65 µg/m³: per cubic meter (was "per meter cubed")
        text = _SQUARE_OR_CUBIC_UNIT.sub(_square_or_cubic, text)
    # 10⁶ -> 10^6 (read as a power; ² and ³ alone fold to words)
    text = _SUPERSCRIPT_POWER.sub(lambda m: "^" + m[0].translate(SUPERSCRIPTS), text)
    if " \u00b7 " in text:  # spaced, a middle dot parts items: Serves 4 · Prep 15 min (a pause;
        text = _SPACED_MIDDLE_DOT.sub(_middle_dot, text)  # was run together); in mol·K it stays a space
    text = text.translate(_FOLD)
    return _SPACES.sub(" ", _VARIATION_SELECTORS.sub("", text))


_SPACED_MIDDLE_DOT = re.compile(" \u00b7 ")


def _middle_dot(m: re.Match[str]) -> str:
    """A spaced middle dot in an equation is a product, ``f(x) = x³ · sin(x)`` (x cubed times
    sin x; was a pause); elsewhere it parts items, ``Serves 4 · Prep 15 min``."""
    return " × " if _EQUATION_BEFORE.search(m.string, max(0, m.start() - 60), m.start()) else ", "


_KEEP_SYMBOLS = frozenset("$€£¥₹₩₽¢%‰©&@+=#°±×÷<>≤≥≠≈~→←↔⇔§^*/|\\_'\"`√∞−∑∫∈∉∩∪⊂⊆∀∃∂∇∴∵¬∧∨")
_DROP_CATEGORIES = frozenset({"So", "Sk", "Sm", "Sc", "Co", "Cn", "Cs", "Cc", "Cf", "Me"})


_CONTROL = re.compile(r"[\x01-\x09\x0b-\x1f\x7f]")


def _drop_unreadable(text: str) -> str:
    """Remove emoji, pictographs and other symbols; control characters become spaces.

    ``\x00`` marks a number kept aside (see ``_protect_cjk_digits``) and stays.
    """
    if text.isascii():
        return _CONTROL.sub(" ", text)
    out = []
    for ch in text:
        if ch.isascii() or ch in _KEEP_SYMBOLS:
            out.append(" " if _CONTROL.match(ch) else ch)
        elif unicodedata.category(ch) not in _DROP_CATEGORIES:
            out.append(ch)
        elif unicodedata.category(ch) == "Cc":
            out.append(" ")
    return "".join(out)


# --- rules: (pattern, replacement) applied in order --------------------------------------------

_EMOJI = "\u231a\u231b\u23e9-\u23fa\u25a0-\u25ff\u2600-\u2767\u2794-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
"""Emoji and pictographs (dingbats' circled digits, ``❶``, and brackets left out): all of them
are dropped (``_drop_unreadable``)."""
_NUM = r"(?<![\d.,])\d+(?:,\d{3})*(?:\.\d+)?"  # starts a digit run: linear-time matching
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"


def _spaced(words: str) -> str:
    return f" {words} "


_TIME_ZONES = "ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|UTC|GMT|BST|CET|CEST|IST|JST|AEST"
_SENTENCE_END_AHEAD = re.compile(rf"\s*$|\s+(?!(?:{_TIME_ZONES})\b)"
                                 r"(?:[A-Z\"']|\((?![a-z\d~$€£¥₹]))|\s+\d{1,3}[.)][ \t]")
"""A capital or a parenthesis after a period: the sentence ends ("3 p.m. EST" goes on, as a
parenthesis of a lowercase word or an amount does: "Phila. (as of 2020)", the segmenter's); so
does a list's next number ("at 8 AM.⏎3. Add": was "eight A M three")."""
_TEXT_END_AHEAD = re.compile(r"\s*$")
_TIME_END_AHEAD = re.compile(rf"\s*$|\s+\d{{1,3}}[.)][ \t]"
                             rf"|\s+(?!(?:{_TIME_ZONES}|Eastern|Central|Mountain|Pacific|"
                             r"Atlantic|Alaska|Hawaii)\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)"
                             r"day\b(?!\s?[-–]|\s+to\b))[A-Z\"'(]")  # fmt: skip
"""After a.m. or p.m., a time zone's name goes on with the sentence: "9 a.m. Eastern", and so
does a weekday's written out, "9:00 a.m. Tuesday in" (as the segmenter cuts: was "A M.
Tuesday"); a weekday's short name, or one before a dash, may start the next item of a list of
hours: "9 a.m. - 5 p.m. Sat.-Sun. 10-2" (read "Saturday to Sunday" by then)."""


def _keeps_period(m: re.Match[str], before_capital: bool = True) -> str:
    """A period swallowed by a rule is kept when it also ends the sentence: at the end of
    the text or, when ``before_capital``, before a capitalised word."""
    pattern = _SENTENCE_END_AHEAD if before_capital else _TEXT_END_AHEAD
    if before_capital and m.group(0).rstrip().endswith(("a.m.", "p.m.", "A.M.", "P.M.")):
        pattern = _TIME_END_AHEAD
    ends = pattern.match(m.string, m.end()) is not None
    return "." if ends and m.group(0).rstrip().endswith(".") else ""


_CITATION = r"\[\d{1,3}(?:(?:[-–]|,[ \t]?)\d{1,3}){0,8}\]"
"""A citation mark: [1], [1-3], [1, 2]."""
_CITED_AFTER = re.compile(r"\b(?:to|in|see|of|from|and|or|by|at|per|cf|also|source|sources|"
                          r"ref|refs|reference|references|study|studies|paper|papers|item|"
                          r"items|step|steps|note)$", re.I)  # fmt: skip


_CITATIONS_EARLY: list[Rule] = [
    # 【1】, 【3†source】, 【4:0†source】 after text: a citation (was read 【一】, 【 four †source】)
    Rule(re.compile(r"(?<=\S)[ \t]*【\d{1,3}(?:[-–,，、:：]\d{1,3})*(?:†[^】\n]{0,40})?】"), "",
         needs=("【",)),
    # [1], [1][2] after Chinese text or its punctuation (有益健康[1]。 was 有益健康 一 。)
    Rule(re.compile(rf"(?<=[{_CJK}，。！？；：、）%”])(?:{_CITATION})+(?=[\s，。！？；：、,.;:!?)）]|$)"),
         "", needs=("[",)),
]
"""Citation marks that Chinese text would read as numbers: dropped before its readings."""


def _spaced_citation(m: re.Match[str]) -> str:
    """Citation marks after a space, before a stop ("is blue [1]."), are dropped; after a
    word that names them ("According to [1],", "see [2].") they are read."""
    if _CITED_AFTER.search(m.string, max(0, m.start() - 12), m.start()) or not _cited(m[0]):
        return m.group(0)
    return ""


def _cited(marks: str) -> bool:
    """Whether marks in square brackets can be citations: each's numbers rise (``[1, 3]``,
    ``[2-4]``); ``For [2, 4, 4, 5],`` is a list of values, read (was dropped)."""
    for mark in re.findall(r"\[([^\]]*)\]", marks):
        numbers = [int(n) for n in re.findall(r"\d+", mark)]
        if any(a >= b for a, b in zip(numbers, numbers[1:])):
            return False
    return True


_KEY_BEFORE = re.compile(r"\b(?:(?:dial|press|enter|hit|tap|push)(?:ed|ing|es|s)?|followed by)"
                         r"\s+(?:the\s+)?(?:[\d*#]+,?\s+(?:or|and|then)\s+(?:the\s+)?)?$", re.I)
_KEY_AFTER = re.compile(r"\s+(?:key|button|sign)\b", re.I)


def _phone_keys(m: re.Match[str]) -> str:
    """A phone's keys after "press", "dial", "followed by" ... or before "key": ``press #``
    -> press pound, ``press *`` -> press star, ``dial *67`` -> dial star six seven, ``#31#``;
    elsewhere a star is emphasis and a hash a hashtag or a number sign."""
    before = _KEY_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
    if before is None and _KEY_AFTER.match(m.string, m.end()) is None:
        return m.group(0)
    keys = [_ONES[int(c)] if c.isdigit() else "star" if c == "*" else "pound" for c in m[0]]
    return _spaced(" ".join(keys))


_ENDING_IN_BEFORE = re.compile(r"\b(?:ending|ends|ended) in\s*$", re.I)


def _masked(m: re.Match[str]) -> str:
    """A masked number, ``****1234`` or ``xxx-xx-6789``: "ending in one two three four" (the
    masking characters are not read)."""
    ending = _ENDING_IN_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
    return _spaced(("" if ending else "ending in ") + digits(m[1]))


_EMOTICON = re.compile(r"[:;=^](?:(?<=[:;=])[-']?[)(DPpOo/|\]\[]|(?<=\^)_?\^)(?=[\s.,!?]|$)")
"""A face typed in characters (``:)``, ``;-)``, ``:D``, ``:P``, ``^_^``; each pattern starts
with one character class, which the regex engine scans for fast), not read: only after
a space, the text's start or a CJK character (``http://``, ``Note:D`` stay), and before a space,
a stop or the text's end (``:Do`` stays). ``<3`` and ``XD`` are left alone: "x <3", "XD" are
also written for less than three and a product."""


def _emoticon(m: re.Match[str]) -> str:
    before = m.string[m.start() - 1 : m.start()]
    return m[0] if before and not before.isspace() and not CJK_CHAR.match(before) else " "


_REFERENCE_DEFINITION = re.compile(
    r"^[ \t]{0,3}\[(?!\^)[^\[\]\n]{1,40}\]:[ \t]*<?(?:https?://|www\.|/|#)[^\s>]*>?"
    r"""(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$"""
    r"|^[ \t]*\[!(?P<alert>(?i:NOTE|TIP|IMPORTANT|WARNING|CAUTION))\][ \t]*$", re.M)
"""A reference-style link's definition, ``[1]: https://example.com "Title"``: not read (its
text is read where the link is used, ``[the guide][1]``); and a GitHub alert's label, ``[!NOTE]``
(its ``>`` gone), read as its word."""

def _link(m: re.Match[str]) -> str:
    """A link's text: ``[the docs](https://...)``, ``[the guide][1]`` (a reference-style link);
    not ``[1][2]``, citations, which hold no letter."""
    if m[2] is not None and not any(c.isalpha() for c in m[1]):
        return m[0]
    return m[1]


_MATH_OPERAND_BEFORE = re.compile(
    r"(?:(?<![\w'])[A-Za-z]|(?<![\w'])[A-Z]{2,6}|[)\]²³\dπ]"
    r"|\b(?:pi|squared|cubed|zero|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|"
    r"for|fif|six|seven|eigh|nine)ty|hundred|thousand|million|billion))\s*$")  # fmt: skip
"""A variable, pi, a bracket, a power or a number (already read as words) just before ``≈``: a
relation between two values (``x ≈ 2.5``, a quantity's capitals, ``TDEE ≈ 2,150``), where
another word before it (``takes ≈5 hours``) makes it "about"."""


_VALUE_WITH_UNIT_BEFORE = re.compile(
    r"(?:^|[\s(-])(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|"
    r"hundred|thousand|million|billion|point \w+)\s+[a-z]{1,12}(?:\s+(?:squared|cubed|"
    r"per\s+[a-z]{1,10}))?\s*$")  # fmt: skip
"""A value with its unit just before ``≈``: ``1 mile ≈ 1.609 km`` ("one mile is approximately
..."; was "one mile about"), ``€355 ≈ $383`` (three hundred fifty-five euros, by then)."""


def _approximately(m: re.Match[str]) -> str:
    """``π ≈ 3.14`` -> "pi is approximately ..."; ``takes ≈5 hours`` -> "takes about ..."."""
    if (_MATH_OPERAND_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
            or _VALUE_WITH_UNIT_BEFORE.search(m.string, max(0, m.start() - 40), m.start())):
        return " is approximately "
    if m.string[m.start() - 1 : m.start()] == " " and m.string[m.end() : m.end() + 1] == " ":
        clause = re.split(r"[\n,;:(.!?]", m.string[max(0, m.start() - 60) : m.start()])[-1].split()
        if 0 < len(clause) <= 6 and not _ABOUT_AFTER.fullmatch(clause[-1]):
            return " is approximately "  # a noun's value: The total ≈ 42, 1RM ≈ 185 lb
    return " about "


_ABOUT_AFTER = re.compile(
    r"(?i:is|are|was|were|be|been|of|for|at|in|on|to|by|from|with|within|over|under|into|than|"
    r"just|only|still|now|then|so|and|or|but|plus|minus|times|"
    r"takes?|took|costs?|weighs?|lasts?|needs?|uses?|"
    r"runs?|ran|gets?|got|has|have|had|reach(?:es)?|makes?|made|pays?|paid|spends?|spent|"
    r"burns?|adds?|loses?|lost|gains?|saves?|earns?|holds?|yields?|returns?|becomes?|"
    r"\w+ed|\w+'\w+)")
"""A verb, a preposition or a word of degree before a spaced ``≈``: "about" (``costs ≈ $5``),
where after a noun it relates the noun to its value (``The total ≈ 42``: is approximately)."""


def _logical_or(m: re.Match[str]) -> str:
    """``a || b`` in code is "or"; not in a table's row (a line that opens with ``|``), where
    ``||`` is an empty cell."""
    line = m.string[m.string.rfind("\n", 0, m.start()) + 1 : m.start()]
    return m[0] if line.lstrip().startswith("|") else " or "


_HTML_TAGS = frozenset("a abbr b bdi bdo big blockquote br caption center cite code dd del details "
                        "dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i "
                        "img ins kbd li mark nav ol p pre q s samp section small span strike strong "
                        "sub summary sup table tbody td tfoot th thead tr tt u ul var wbr".split())
"""Tags an answer's HTML uses; any other name in angle brackets is a placeholder."""
_PLACEHOLDER = re.compile(r"(?<![\w<])<(?P<name>[A-Za-z][\w.-]*(?:[ /][A-Za-z][\w.-]*){0,5})>(?![\w>])")


def _placeholder(m: re.Match[str]) -> str:
    """``<PID>``, ``<your-name>``, ``<container_id>``: what the reader puts there, as words
    (the tag rule dropped them: "kill -9 <PID>" was "kill minus nine"); an HTML tag stays."""
    if m["name"].lower() in _HTML_TAGS:
        return m[0]
    return f" {m['name'].replace('_', ' ').replace('-', ' ')} "


_COMMANDS = ("kill|pkill|killall|ls|rm|cp|mv|mkdir|tail|head|grep|ps|ping|chmod|chown|tar|curl|wget|"
             "ssh|scp|du|df|uname|lsof|netstat|journalctl|git|docker|npm|pip3?|python3?|sudo|"
             "java|javac|node|kubectl|ffmpeg|rsync|openssl|systemctl|sed|awk|perl|xargs|brew|"
             "apt|apt-get|yarn|pnpm|cargo|helm|unzip|gzip")
_COMMAND_LINE = re.compile(rf"(?<![\w./-])(?:{_COMMANDS})(?:[ \t]+[a-z][\w.-]*){{0,2}}[ \t]+-[A-Za-z0-9][\w-]*"
                           r"(?:[ \t]+(?:-[A-Za-z0-9][\w-]*(?::[+-]?\w+)?|[a-z][\w.-]*"
                           r"|''(?!\S)|\"\"(?!\S))){0,4}")
_SHORT_OPTION = re.compile(r"(?<=\s)-(?=[A-Za-z]|\d+(?!\S))")


_JVM_OPTION = re.compile(r"(?:(?<![\w-])-|\bdash )(?:XX:(?P<sign>[+-]?)(?P<flag>[A-Za-z]\w*)"
                         r"|D(?P<prop>[a-z][\w-]*(?:(?:\.| dot )[A-Za-z][\w-]*)*)(?==))")
_CAMEL_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[A-Z0-9])(?=[A-Z][a-z])|(?<=\d)(?=[A-Z])")


_PITCHING_WORDS = re.compile(r"\b(?:ERA|WHIP|strikeouts?|pitch\w*|innings|starts?|bullpen|"
                             r"hurler|ace|starter|relievers?|no-hitter)\b|\d (?:ER|BB|SO)\b")
"""Words of pitching, where ``7 IP`` is innings pitched."""


def _innings(m: re.Match[str]) -> str:
    """``6.2 IP`` -> "six and two thirds innings pitched", ``7.1 innings`` -> "seven and one
    third innings": a baseball line counts outs in thirds after the point, so ``.1`` and
    ``.2`` are no tenths; a whole ``7 IP`` where the text speaks of pitching."""
    if m["f"] is None and (not m["ip"] or not _PITCHING_WORDS.search(m.string)):
        return m[0]
    words = cardinal(int(m["n"]))
    if m["f"] in ("1", "2"):
        words += " and one third" if m["f"] == "1" else " and two thirds"
    inning = "inning" if m["n"] == "1" and m["f"] in (None, "0") else "innings"
    return f"{words} {inning}{' pitched' if m['ip'] else ''}"


def _weights_or(m: re.Match[str]) -> str:
    """``24/16 kg`` -> "24 or 16 kg", a heavier and a lighter weight to choose from (no
    fraction: nobody writes 1.5 kg so); ``35/53 lb`` too, but not ``3/4 lb`` nor ``12/16 kg``,
    fractions."""
    a, b = int(m["a"]), int(m["b"])
    heavy, light = max(a, b), min(a, b)
    if not (light >= 4 and heavy <= 2 * light and (a > b or b > 16)):
        return m[0]  # 727/1 lbs: no pair
    return f"{m['a']} or {m['b']} "


_QUOTE_MARK = re.compile(r"\"|(?<!\w)'|'(?!\w)")
"""A quotation mark: a double one, or a single one not inside a word (``don't``)."""


def _quotes_unspaced(m: re.Match[str]) -> str:
    """A line's quotes without the spaces a number's reading left inside their ends: ``"give
    me five "`` -> ``"give me five"``, ``' January first '`` -> ``'January first'``. Marks of
    a kind pair in their order on the line, so that a closing one is never taken for an
    opening one (``"a." and "b."`` keeps its "and" apart); a single one after a letter, none
    open, is a plural's apostrophe (``the players' 'give me 5' moment``), no opening one; one
    pass, linear in the line."""
    line = m[0]
    gone: set[int] = set()
    opened: dict[str, int] = {}
    for mark in _QUOTE_MARK.finditer(line):
        q, at = mark[0], mark.start()
        start = opened.pop(q, None)
        if start is None:
            if q == "'" and at and line[at - 1].isalnum():
                continue  # the players' 'best': an apostrophe, none open to close (was paired)
            opened[q] = at
            continue
        inside = line[start + 1 : at]
        if (inside.strip() and at - start <= 202 and (start == 0 or line[start - 1] in " ([=,:")
                and not line[at + 1 : at + 2].isalnum()):  # fmt: skip
            gone.update(i for i in (start + 1, at - 1) if line[i] == " ")
    return "".join(c for i, c in enumerate(line) if i not in gone) if gone else line


_FORMULA = (r"(?:\d{1,2} ?)?(?:[A-Z][a-z]?\d{0,3}|\((?:[A-Z][a-z]?\d{0,3}){1,6}\)\d{0,3}){1,12}"
            r"(?:\((?:s|l|g|aq)\))?")
_CHEMICAL_SIDE = rf"{_FORMULA}(?: ?\+ ?{_FORMULA}){{0,5}}"
_CHEMICAL_EQUATION = re.compile(rf"(?<![\w(])(?P<left>{_CHEMICAL_SIDE})[ \t]*"
                                rf"(?P<arrow>→|->|⟶|⇌)[ \t]*(?P<right>{_CHEMICAL_SIDE})(?![\w(])")
"""A chemical equation: formulas, ``+`` between them, an arrow, ``CaCO3 → CaO + CO2``."""
_CHEMICAL_ELEMENTS = frozenset(
    "H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As "
    "Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd "
    "Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am "
    "Cm Bk Cf Es Fm Md No Lr".split())
_CHEMICAL_STATES = {"s": "solid", "l": "liquid", "g": "gas", "aq": "aqueous"}


def _chemical_equation(m: re.Match[str]) -> str:
    """A reaction's arrow "yields" (``⇌`` "is in equilibrium with"), its states' letters their
    words (``NaCl(aq)`` -> NaCl aqueous); only where every capital starts an element's symbol,
    a formula has a count (``H2O``) and a side joins two or a formula has two elements: else
    an arrow between cells, ``A1 → M25``, or names, ``V1 → V2``, stays "to"."""
    left, right = m["left"], m["right"]
    symbols = re.findall(r"[A-Z][a-z]?", re.sub(r"\((?:s|l|g|aq)\)", "", left + right))
    if not _CHEMICAL_ELEMENTS.issuperset(symbols) or not re.search(r"[A-Za-z)]\d", left + right):
        return m[0]  # A1 → M25, Fe → Cu: "to"
    if "+" not in left + right and not re.search(r"[A-Z][a-z]?\d*[A-Z(]", f"{left} {right}"):
        return m[0]  # V1 → V2: "to"
    arrow = " is in equilibrium with " if m["arrow"] == "⇌" else " yields "
    return re.sub(r"\((s|l|g|aq)\)", lambda s: f" {_CHEMICAL_STATES[s[1]]}",
                  f"{left}{arrow}{right}")


_NUMBER_CHOICES = re.compile(r"(?<![\w.,/+*×÷^-])(?<![+*×÷^-] )\d{1,4}(?: / \d{1,4}){2,}"
                             r"(?=[ -]?[A-Za-z])")
"""Whole numbers, three or more, spaced slashes between them, before a word: ``1 / 2 / 3
bedrooms``."""


def _number_choices(m: re.Match[str]) -> str:
    """``1 / 2 / 3 bedrooms`` -> "1, 2 or 3 bedrooms", as ``8/16GB`` is "eight or sixteen"; in
    a line with ``=`` they are divided (left as written)."""
    before = m.string[max(0, m.start() - 80) : m.start()].rsplit("\n", 1)[-1]
    after = m.string[m.end() : m.end() + 80].split("\n", 1)[0]
    if "=" in before or "=" in after:
        return m[0]
    *first, last = m[0].split(" / ")
    return f"{', '.join(first)} or {last}"


_PLACE_BEFORE = re.compile(r"\b(?i:in|into|to|under|inside|within|from|at|open|cd)\s$")


def _plurals_joined(m: re.Match[str]) -> str:
    """``stocks/bonds`` -> "stocks and bonds": two plurals named together, as "pros and cons";
    units (``mins/secs``) keep their slash."""
    if any(w.lower() in _UNITS or w.lower()[:-1] in _UNITS for w in (m[1], m[2])):
        return m[0]
    if _PLACE_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
        return m[0]  # in assets/images: a folder's path
    return f"{m[1]} and {m[2]}"


def _final_after(m: re.Match[str]) -> str:
    """``F/OT`` -> "final in overtime", ``F/2OT`` -> "final in double overtime", ``F/SO`` ->
    "final in a shootout"."""
    if m["so"]:
        return "final in a shootout"
    times = {"": "", "2": "double ", "3": "triple ", "4": "quadruple "}[m["ot"]]
    return f"final in {times}overtime"


def _list_slash(m: re.Match[str]) -> str:
    """A spaced slash between a word and the next item, a list's: "front / 5' sides", "9 am /
    Sat" -> a pause; not in an equation's line (``BMI = weight / height``: divided by) nor
    "and / or"."""
    line = m.string[max(0, m.string.rfind("\n", 0, m.start())) : m.start()]
    word = line.rsplit(None, 1)[-1] if line.strip() else ""
    if re.fullmatch(r"\d{0,2}[ap]\.?m\.?", word.lower()):
        return ", "  # 9 am / Sat 10 am, 3 p.m. / 4 p.m. (were dropped)
    if ("=" in line or word in _UNITS or word.rstrip("s") in _UNITS or word.isupper()
            or (word == "and" and m.string.startswith("or", m.end()))):  # fmt: skip
        return m[0]  # 256GB / 512GB, 4 bd / 2.5 ba: the units' rules
    return ", "


def _jvm_option(m: re.Match[str]) -> str:
    """A JVM's option: ``-XX:+UseG1GC`` -> "dash X X colon plus Use G1 GC" (its name's words
    apart), ``-Dkey.name=v`` -> "dash D key dot name=v" (were "-XX: plus UseG one GC",
    "-Dkey.name")."""
    if m["flag"]:
        sign = {"+": " plus", "-": " minus"}.get(m["sign"], "")
        return f" dash X X colon{sign} {_CAMEL_HUMP.sub(' ', m['flag'])}"
    return f" dash D {m['prop'].replace(' dot ', '.').replace('.', ' dot ')}"


_ARITHMETIC_WORD_BEFORE = re.compile(r"\b(?i:is|are|was|be|equals?|plus|minus|times|over|"
                                     r"than|from|to|of|and|or|at|by|then|gives?|yields?|so)"
                                     r"[ ,]*$")
_OPTION_CUE = re.compile(r"\b(?:[Uu]se|[Uu]sing|[Pp]ass|[Aa]dd|[Tt]ry|[Ww]ith|[Ww]ithout|[Rr]un|"
                         r"[Dd]rop|[Oo]mit|[Ss]et|[Ss]pecify|[Rr]emove|[Ii]nclude)\b[^.;:!?\n]*$")


def _lone_option(m: re.Match[str]) -> str:
    """A short option named in prose, ``Use -i to edit in place`` -> "dash i" (the dash was
    dropped): after a word that uses an option in its clause (use, pass, add, try ...); after
    "and", "or", "to" only there (``-v and -i``), as a variable's minus may follow them."""
    line = m.string[max(0, m.start() - 80) : m.start()].rsplit("\n", 1)[-1]
    if "=" in line or not _OPTION_CUE.search(line):
        return m[0]
    if _ARITHMETIC_WORD_BEFORE.search(line) and not (
            re.search(r"\b(?:and|or),? $", line) and re.search(r"(?<![\w-])-[A-Za-z]\b", line)):
        return m[0]  # is -x; but -v ... and -i
    return "dash "


def _command_options(m: re.Match[str]) -> str:
    """A command's short options: ``kill -9`` -> kill dash 9, ``ls -la`` -> ls dash la (were
    "minus nine" and "-la"); an empty argument, ``sed -i ''``, "empty string" (was run into
    the next quote, unread); ``--verbose`` is the symbol rules'."""
    return re.sub(r"(?<=\s)(?:''|\"\")(?!\S)", "empty string", _SHORT_OPTION.sub("dash ", m[0]))


_FACTORIAL_TERM = re.compile(r"(?:(?<![\w'.,])\d{1,3}|(?<![\w'])[a-z]|\))$")


def _factorial(m: re.Match[str]) -> str:
    """A factorial's mark after a number of up to three digits, a variable or a bracket,
    before an operator or "is": ``10! = 3,628,800``, ``n! / k!``, ``(n-1)! = 24`` (was "ten!");
    not "I won 5! Yay", nor in text with Chinese. The rule looks for the mark, then for the
    term before it (a search for the term at every position costs more)."""
    if _FACTORIAL_TERM.search(m.string, max(0, m.start() - 4), m.start()) is None or _ANY_CJK.search(m.string):
        return m[0]
    return " factorial"


def _path_part(m: re.Match[str]) -> str:
    """A version or a placeholder between a path's slashes, ``/api/v1/users/{id}``: "v1 slash",
    "slash id" (the slash after v1 was dropped, and the braces' with it); not in a web address
    (a dot before it in the same word), which is read as a whole."""
    word = m.string[max(0, m.start() - 100) : m.start()].rsplit(None, 1)[-1:]
    if word and "." in word[0]:
        return m[0]
    return f"{m[1]} slash " if m[1] else f" slash {m[2]}"


_TABLE_MARK_CELL = re.compile(r"(?<=\|)[ \t]*(?:(?P<yes>[✓✔✅☑])|[✗✘❌✖❎])[ \t]*(?=\|)")
_ANY_CJK = re.compile(f"[{_CJK}]")


def _table_mark(m: re.Match[str]) -> str:
    """A table's cell of a check or a cross alone is "yes" or "no" (``| Storage | ✓ | ✗ |``:
    the marks were dropped, leaving a row of names with nothing to say which has what); in a
    row with Chinese in it they still go, as other emoji do."""
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    line_end = m.string.find("\n", m.end())
    line = m.string[line_start : None if line_end < 0 else line_end]
    if _ANY_CJK.search(line):
        return m[0]
    return " yes " if m["yes"] else " no "


_MARKDOWN: list[Rule] = [
    Rule(_EMOTICON, _emoticon, needs=(":", ";", "=", "^")),
    Rule(re.compile(r"&(?:[A-Za-z]{2,8}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});"), lambda m: html.unescape(m[0]),
         needs=("&",)),
    Rule(re.compile(r"<((?:https?://|mailto:)[^<>\s]+)>"), r"\1",  # autolinks: the address
         needs=("<",)),
    Rule(_PLACEHOLDER, _placeholder, needs=("<",)),  # kill -9 <PID>, <your-name>
    Rule(re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>"), " ", needs=("<",)),  # HTML tags
    Rule(re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M), "", needs=(">",)),  # block quotes
    Rule(_REFERENCE_DEFINITION, lambda m: (m["alert"] or "").capitalize(), needs=("[!", "]:")),
    # a power as Python and JavaScript write it: x ** 2, 2**10 (was "x two": the stars were
    # taken for bold's; bold's never stand spaced on both sides, nor before a digit after one)
    Rule(re.compile(r"(?<=[\w)]) \*\* (?=[\w(])|(?<=[A-Za-z\d)])\*\*(?=\d)"), "^", needs=("**",)),
    Rule(re.compile(r"(?<=\d)\s?\*\s?(?=\d)|(?:(?<=[\d)])|(?<![A-Za-z]{2})(?<=[A-Za-z]))[ \t]\*[ \t]"
                    r"(?=[\d(]|[A-Za-z](?![A-Za-z]))"), " × ",  # 2*3, x * 2: arithmetic, not emphasis
         needs=("*",)),
    # a factorial before an operator or "is": 10! = 3,628,800, n! / k!, (n-1)! (was "ten!")
    Rule(re.compile(r"!(?=[ \t]?(?:[=×÷/]|\*(?!\*)|[+−-][ \t])|[ \t](?:is|equals)\b)"), _factorial,
         needs=("!",)),
    Rule(re.compile(r"!?\[([^\[\]\n]*)\](?:\([^()\s]*\)|(\[[^\[\]\n]{0,40}\]))"), _link,
         needs=("](", "][")),
    Rule(re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M), "", needs=("-", "*", "_")),
    Rule(re.compile(r"^(?=[ \t|:-]*---)[ \t|:-]++$", re.M), "",  # table separator rows
         needs=("---",)),
    Rule(re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M), "", needs=("#",)),
    Rule(re.compile(r"(?<=[\w)\]]) \|\| (?=[\w(!])"), _logical_or, needs=(" || ",)),  # a || b
    Rule(re.compile(r"\b([PE]\((?:[^()|\n]{1,20}))\|(?=[^()|\n]{1,20}\))"), r"\1 given ",
         needs=("P(", "E(")),  # P(A|B): the probability of A given B (was "P(A, B)")
    Rule(_TABLE_MARK_CELL, _table_mark, needs=("|",)),  # | Storage | ✓ | ✗ |: yes, no
    Rule(re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])?[ \t]*\|", re.M), "", needs=("|",)),
    Rule(re.compile(r"^[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?", re.M), "",  # bullets, task boxes
         needs=("-", "*", "+")),
    Rule(re.compile(r"^[ \t]*(?:->|=>|→)[ \t]+", re.M), "",  # an arrow as a bullet: → Next
         needs=("->", "=>", "→")),  # (was "to Next"; 到 in Chinese)
    Rule(re.compile(r"^([ \t]*\d{1,3})\)(?=[ \t])", re.M), r"\1.", needs=("0)",)),  # 1) as 1.
    Rule(re.compile(r"^[ \t]*\[\^\w{1,8}\]:[ \t]*|\[\^\w{1,8}\]", re.M), "",  # [^1], and
         needs=("[^",)),  # "[^1]: " before a footnote's text
    Rule(re.compile(rf"(?<=[A-Za-z.,;:!?)\"'])(?:{_CITATION})+(?=[\s.,;:!?)]|$)"),
         lambda m: "" if _cited(m[0]) else m[0], needs=("[",)),  # citations: [1][2]
    Rule(re.compile(rf"(?<=[A-Za-z)\"'])[ \t](?:{_CITATION})+(?=[.,;:!?)]|$)"), _spaced_citation,
         needs=("[",)),
    Rule(re.compile(r"^[ \t]*(?:`{3,}|~{3,})[\w+#.-]*[ \t]*$", re.M), "",  # code fences, language
         needs=("```", "~~~")),
    Rule(re.compile(r"(?<![\w*])(?:\*{3,}|[xX]{4,}|[xX]{2,}(?=-[xX]))(?:-(?:\*+|[xX]+))*[- ]?"
                    r"(\d{2,4})(?![\w*-]|[.,]\d)"), _masked,  # card ****1234, SSN xxx-xx-6789
         needs=("***", "xx", "xX", "Xx", "XX")),
    Rule(re.compile(r"(?<![\w*#])[*#](?:\d{1,4}#?)?(?![\w*#])"), _phone_keys,  # press #, dial *67
         needs=("*", "#")),
    # SQL's star, every column, outside code as inside it: SELECT * FROM, COUNT(*) (the star
    # was dropped as markdown's: "SELECT FROM")
    Rule(re.compile(r"(?i:(?<=\bSELECT )|(?<=\bCOUNT\())\*(?=(?i: FROM\b)|\))"), "star",
         needs=("T *", "t *", "T(*", "t(*")),
    Rule(re.compile(r"\*{1,3}|~~|`+"), "", needs=("*", "~~", "`")),
    Rule(re.compile(r"(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])"), "", needs=("_",)),
    Rule(_COMMAND_LINE, _command_options, needs=(" -", "\t-")),  # kill -9, ls -la, tail -n 50
    # a JVM's options outside code as inside it: -XX:+UseG1GC, -Dspring.profiles.active=prod
    # (the dash was dropped, and "UseG1GC" run together): dash X X colon plus Use G1 GC
    Rule(_JVM_OPTION, _jvm_option, needs=("-XX:", "dash XX:", "-D", "dash D")),
    # an option named as one: the -D flag, the -v option (the dash was dropped)
    Rule(re.compile(r"(?<![\w-])-(?=[A-Za-z][\w-]{0,20}[ \t]+(?:flag|option|switch)s?\b)"), "dash ",
         needs=("flag", "option", "switch")),
    # a lone short option in prose: Use -i to edit in place, -v and -i (the dash was dropped);
    # not after a word of arithmetic ("is -x", "from -x to x") nor in an equation's line
    Rule(re.compile(r"(?<=[A-Za-z,] )(?<![\w-]-)-(?=[A-Za-z](?![\w'-]|\.\w))"), _lone_option,
         needs=(" -",)),
    # a path from the root or home: /usr/local/bin, ~/.bashrc (the first slash was dropped;
    # here, before an address's or a number's reading leaves a space before another slash)
    Rule(re.compile(r"(?:^|(?<=[\s(\"'`]))(?:(~)/(?=[\w.])|/(?=[A-Za-z_.][\w.-]*/|[a-z_.][a-z\d_.-]+(?![\w/])))"),
         lambda m: "tilde slash " if m[1] else "slash ", needs=("/",)),
    # a version or a placeholder between a path's slashes: /api/v1/users/{id} (the slash after
    # v1 was dropped, "v one users", and the braces' with it)
    Rule(re.compile(r"(?<=\w/)(v\d{1,2})/(?=[\w{])|(?<=\w)/\{(\w{1,30})\}"), _path_part,
         needs=("v0", "/{")),
    Rule(re.compile(r"(?<![ \t])[ \t]*\|[ \t]*$", re.M), "",  # a table row's closing pipe
         needs=("|",)),
    Rule(re.compile(r"[ \t]*\|[ \t]*(?=\S)"), ", ", needs=("|",)),
    # between two percentages, a pause: 5.50% / 5.25% (was dropped, the two run together)
    Rule(re.compile(r"(?<=\d%) / (?=[-+]?\.?\d[\d.,]*\s?%)"), ", ", needs=("% / ",)),
    Rule(re.compile(r"(?<=[\w)²³]) / (?=[\w(\[√$€£¥₹])"), lambda m: _spaced_slash(m),  # d / t: below
         needs=(" / ",)),
    # a square bracket over a number: x = [4 ± √(16 − 12)]/2 (was dropped: "... twelve) two")
    Rule(re.compile(r"(?<=\])/(?=\d)"), " over ", needs=("]/",)),
    Rule(re.compile(f"(?<=[^{_EMOJI} \\t])[ \\t]*(?:[{_EMOJI}][ \\t]*)+(?=\\n)"), "",  # done ✅⏎:
         needs=("\n",)),  # the emoji go (below), the line's break must stay a sentence's
    Rule(re.compile(f"(?<=[{_CJK}])[ \\t]*\\n\\s*"), "。", needs=("\n",)),  # a line break in Chinese
    Rule(re.compile(r"(?<=[\w)\]\"'%+°])[ \t]*\n\s*"), ". ", needs=("\n",)),
    # a line that ends in a period before one that starts in lowercase keeps its break, so
    # that a unit's period stays the sentence's end: "5 kg.⏎pH 7 is neutral" (was "five
    # kilograms pH seven", the period taken for the unit's as in "6 ft. tall")
    Rule(re.compile(r"\s*\n\s*"),
         lambda m: "\n" if m.string[m.start() - 1:m.start()] == "." and m.string[m.end():m.end() + 1].islower()
         else " ", needs=("\n",)),
]

_URL_WORDS = {".": "dot", "/": "slash", "-": "dash", "_": "underscore", ":": "colon",
              "?": "question mark", "=": "equals", "&": "and", "#": "hash", "%": "percent",
              "~": "tilde", "+": "plus", "@": "at"}  # fmt: skip
_TLDS = "com|org|net|io|ai|dev|edu|gov|co|us|uk|de|fr|app|info|tv|me|ly|gg|xyz"
_URL_CHAR = "[^\\s<>\"'()\x00\u3000-\u303f\uff00-\uffef" + _CJK + "]"
"""A character of an address: not a space, bracket or quote, nor Chinese, Japanese or Korean
text or punctuation (a URL written into a Chinese sentence ends where the Chinese resumes)."""
_DOMAIN_CHAR = "A-Za-z0-9_\u00c0-\u024f-"
"""Latin letters (accented ones too: münchen.de), digits, ``_`` and ``-``: not CJK, so a domain
written into a Chinese sentence starts where the Chinese stops."""
_URL = re.compile(
    rf"(?:https?://|www\.){_URL_CHAR}+"
    rf"|(?<![{_DOMAIN_CHAR}.])[{_DOMAIN_CHAR}]+(?:\.[{_DOMAIN_CHAR}]+)*\.(?:{_TLDS})\b"
    rf"(?:/{_URL_CHAR}*)?"
)
_EMAIL = re.compile(r"(?<![A-Za-z0-9_.+-])[A-Za-z0-9_.+-]+@(?![\d.]+(?![\w-]))"
                    r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
"""An email's address; not a package's version after its at sign (``react@18.2.0``: read as
a version, was "one eight dot two dot zero")."""
_ADDRESS = re.compile(f"{_EMAIL.pattern}|{_URL.pattern}")
"""An email or a URL: Chinese text reads its numbers in Chinese, not those of its addresses."""


def _read_address(text: str) -> str:
    text = re.sub(r"^https?://", "", text, flags=re.I).rstrip("/")
    words = []
    for part in re.findall(r"(?<=[A-Za-z0-9]):[0-9]{1,5}(?=/|$)|[^\W\d_]+|\d|.", text):
        if len(part) > 1 and part[0] == ":":  # a port, localhost:3000: "colon three thousand"
            port = part[1:]
            words.append(f"colon {digits(port) if port[0] == '0' else _port(port)}")
        elif part.isdecimal():
            words.append(_ONES[int(part)])
        elif part.lower() == "www":
            words.append("w w w")
        elif part in _URL_WORDS:
            words.append(_URL_WORDS[part])
        elif any(c.isalpha() for c in part):
            words.append("".join(c for c in part if c.isalpha()))
    return _spaced(" ".join(words))


def _address(m: re.Match[str]) -> str:
    """A URL read out, without its query and fragment (``?q=tts&hl=en``, ``#install``: what a
    listener cannot use, often an identifier to spell out), and the stop after it kept."""
    text = m.group(0)
    trail = len(text) - len(text.rstrip(".,;:!?"))
    address = text[: len(text) - trail]
    return _read_address(re.split(r"[?#]", address, maxsplit=1)[0]) + text[len(text) - trail :]


_PACKAGE_PATH = re.compile(r"(?<![\w./@:\\-])(?:com|org|net|io|edu|gov|dev|de|uk|fr|me|java|javax|jakarta|"
                           r"android|androidx|kotlin|kotlinx)\.[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*(?:\.[A-Z]\w*)?"
                           r"(?![\w/:@\\-]|\.\w)")  # fmt: skip
"""A Java-style package or class by its reverse domain: ``com.acme.util.Parser``,
``org.springframework.boot`` (three names or more; ``com.example`` alone may be a typo)."""


_ADDRESSES: list[Rule] = [
    # a package's path as a programmer says it: com.acme.util.Parser -> com dot acme dot util dot
    # Parser (was left as written), as inline code reads it
    Rule(_PACKAGE_PATH, lambda m: m[0].replace(".", " dot ") if m[0].count(".") >= 2 else m[0],
         needs=("com.", "org.", "net.", "io.", "edu.", "gov.", "dev.", "de.", "uk.", "fr.", "me.",
                "java.", "javax.", "jakarta.", "android.", "androidx.", "kotlin.", "kotlinx.")),
    Rule(_EMAIL, lambda m: _read_address(m.group(0)), needs=("@",)),
    Rule(_URL, _address, needs=("://", "www.", *(f".{tld}" for tld in _TLDS.split("|")))),
]


_TITLES = {"Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Prof": "Professor",
           "Rev": "Reverend", "Gen": "General", "Capt": "Captain", "Lt": "Lieutenant",
           "Col": "Colonel", "Sgt": "Sergeant", "Gov": "Governor", "Sen": "Senator",
           "Rep": "Representative", "Mt": "Mount"}  # fmt: skip
_BEFORE_NUMBER = {"No": "number", "Fig": "figure", "fig": "figure",
                  "Vol": "volume", "vol": "volume", "Ch": "chapter", "ch": "chapter",
                  "Apt": "apartment", "Ste": "suite", "Rm": "room", "p": "page", "pp": "pages",
                  "Eq": "equation", "Ep": "episode", "Tel": "telephone", "tel": "telephone"}  # fmt: skip
_OTHER_ABBREVIATIONS = {"Jr": "Junior", "Sr": "Senior", "Inc": "Incorporated",
                        "Ltd": "Limited", "Co": "Company", "Corp": "Corporation",
                        "Dept": "Department", "Ave": "Avenue", "Blvd": "Boulevard",
                        "Rd": "Road", "etc": "et cetera", "vs": "versus", "approx": "approximately",
                        "e.g": "for example", "i.e": "that is", "a.m": "A M",
                        "p.m": "P M", "Ph.D": "P H D", "Etc": "Et cetera", "Vs": "Versus",
                        "Approx": "Approximately", "E.g": "For example", "p.a": "per year",
                        "I.e": "That is", "cf": "compare", "viz": "namely",
                        "avg": "average", "Avg": "Average", "appt": "appointment",
                        "Appt": "Appointment", "est": "estimated", "Est": "Estimated"}  # fmt: skip
_CAPITALISED_BEFORE_NUMBER = {"Sec": "section", "Art": "article", "Op": "opus"}
"""Before a number, and only capitalised ("Sec. 230", "Art. 5", a work's "Op. 125": not "5
sec.", "art.")."""
FEDERAL_RULES = re.compile(r"R\. ?(?P<body>Civ\. ?P|Crim\. ?P|App\. ?P|Bankr\. ?P|Evid)\.")
"""The federal rules of the United States' courts after ``Fed.``: ``Fed. R. Civ. P. 12(b)(6)``
(the Federal Rule of Civil Procedure), ``Fed. R. Evid. 702``."""
_FEDERAL_RULES = {"Civ": "Civil Procedure", "Crim": "Criminal Procedure",
                  "App": "Appellate Procedure", "Bankr": "Bankruptcy Procedure", "Evid": "Evidence"}
NON_FINAL_CAPITALISED = frozenset({*_CAPITALISED_BEFORE_NUMBER, "Ft", "Civ", "Crim", "Bankr",
                                   "Proc", "Stat", "Supp", "Rptr"})  # fmt: skip
"""Words (as written, without the final period) whose period does not end a sentence:
"Sec. 230", "Ft. Worth" (unlike "5 sec." or "6 ft.", which may), and the words of a legal
citation that are no English word: "Cal. Code Civ. Proc. § 430.10", "Fla. Stat. § 83.49",
"F. Supp. 2d", "Cal. Rptr."."""
_STATE_NAMES = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Cal": "California",
    "Colo": "Colorado", "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida",
    "Ga": "Georgia", "Ill": "Illinois", "Ind": "Indiana", "Kan": "Kansas", "Ky": "Kentucky",
    "La": "Louisiana", "Mass": "Massachusetts", "Md": "Maryland", "Mich": "Michigan",
    "Minn": "Minnesota", "Miss": "Mississippi", "Mo": "Missouri", "Mont": "Montana",
    "Neb": "Nebraska", "Nev": "Nevada", "Okla": "Oklahoma", "Or": "Oregon", "Ore": "Oregon",
    "Pa": "Pennsylvania", "Tenn": "Tennessee", "Tex": "Texas", "Va": "Virginia",
    "Vt": "Vermont", "Wash": "Washington", "Wis": "Wisconsin", "Wyo": "Wyoming"}  # fmt: skip
LEGAL_STATES = frozenset(_STATE_NAMES)
"""A state's abbreviation as legal citations write it (the Bluebook's): "Cal.", "Tex."."""
_CODE_WORDS = {
    "Civ": "Civil", "Gov": "Government", "Govt": "Government", "Bus": "Business",
    "Prof": "Professions", "Lab": "Labor", "Fam": "Family", "Veh": "Vehicle",
    "Evid": "Evidence", "Prob": "Probate", "Educ": "Education", "Ins": "Insurance",
    "Pen": "Penal", "Fin": "Financial", "Corp": "Corporations", "Welf": "Welfare",
    "Inst": "Institutions", "Gen": "General", "Comp": "Compiled", "Admin": "Administrative",
    "Crim": "Criminal", "Pub": "Public", "Res": "Resources", "Util": "Utilities",
    "Saf": "Safety", "Rev": "Revised", "Tax": "Taxation", "Elec": "Elections",
    "Agric": "Agricultural", "Transp": "Transportation", "Unemp": "Unemployment"}  # fmt: skip
"""The abbreviated words of a code's name in a citation: "Cal. Gov. Code", "Bus. & Prof."."""
LEGAL_CODE_WORDS = frozenset([*_CODE_WORDS, "Stat", "Proc", "Ann", "App", "Rptr", "Supp"])
"""Words of a citation after a state's abbreviation, whose period ends nothing before the
citation's next word, "&", "§" or a number: "Cal. Lab. Code", "Cal. App. 4th", "Fla. Stat.
Ann. § 83.49" (the segmenter asks)."""
CODE_AFTER_STATE = re.compile(
    r"(?:Civ|Gov|Bus|Lab|Fam|Veh|Evid|Prob|Educ|Rptr|App|Const|Stat|Ins|Pub|Rev|Gen|Comp|"
    r"Admin|Crim|Ct|Sup|Ann)\.|(?:Code|Penal|Health|Laws|Rules)\b")  # fmt: skip
"""After ``LEGAL_STATES``, the name of a code, reporter or court, which goes on with the
state's: "Cal. Civ. Code § 1950.5", "Tex. Penal Code", "Mass. Gen. Laws", "Cal. App. 4th"."""

NON_FINAL_BEFORE_NUMBER = frozenset(
    {"Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Dept", "Ave", "Blvd", "Rd", "Hwy", "Rte", "Rt", "Fwy",
     "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "est", "Est"})  # fmt: skip
"""Words (as written, without the final period) whose period does not end a sentence before
a number: "Take Hwy. 101", "Mon.-Fri. 9-5", "Acme Inc. 401(k) plan", "(est. 1837)" (the
normaliser reads them so too: no stop before a digit)."""
STREET_TYPES = frozenset({"Ave", "Blvd", "Rd", "Ln", "Ct", "Pl", "Pkwy", "Hwy", "Cir", "Ter",
                          "Sq", "Fwy", "Expy", "Trl"})  # fmt: skip
"""A street's type whose period does not end a sentence before the rest of the address
(``ADDRESS_GOES_ON``): "456 Oak Ave. Suite 200" (St. and Dr. never end one)."""
ADDRESS_GOES_ON = re.compile(r"(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Bldg|Building|Rm|Room|"
                             r"Box|Dept)\b|#")  # fmt: skip
"""The rest of an address after its street: a unit, a suite, a floor."""

COMPANY_SUFFIXES = frozenset({"Inc", "Corp", "Co", "Ltd"})
COMPANY_GOES_ON = re.compile(r"(?:HQ|CEO|CFO|COO|CTO|CIO|CMO|SVP|EVP|VP|President|Chairman|"
                             r"Chairwoman|Chair|Founder|Co-founder|Headquarters|Board|"
                             r"Spokesperson|Spokesman|Spokeswoman)(?![\w-])")  # fmt: skip
"""After a company's suffix, a word that goes on with the company's name, not a new sentence:
"Acme Corp. HQ is in Austin", "Globex Inc. CEO Jane Doe resigned" (was cut, and read with a
stop, after "Corporation.")."""

_MONTHS_SHORT = "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()  # "Oct. 30" goes on
NON_FINAL_ABBREVIATIONS = frozenset(
    {t.lower() for t in [*_TITLES, *_BEFORE_NUMBER, *_MONTHS_SHORT, "dr", "st", "vs", "e.g",
                         "i.e", "approx", "cf", "ca", "viz", "ext", "incl", "excl"]}  # fmt: skip
)
"""Words (lowercase, without the final period) whose period does not end a sentence."""


def _named_place_before(preceding: str) -> bool:
    """A capitalised word that is not the first of its sentence precedes ("Oak Dr.", "Main
    St."), with no mark between; a sentence's first word ("Visit St. Louis", "Ask Dr. Lee")
    says nothing."""
    words = preceding.split()
    if not words or not words[-1][:1].isupper() or not words[-1][-1].isalnum():
        return False  # not capitalised, or a comma or other mark ends it ("The CEO, Dr. Lee")
    if len(words) == 1:
        return False  # the first word of the text
    return not words[-2].endswith((".", "!", "?", ":"))


def _title_or_place(m: re.Match[str]) -> str:
    """Dr. is Doctor and St. is Saint before a name or at a sentence's start ("Dr. who"),
    unless a capitalised word (not the first of its sentence) precedes them ("Oak Dr. Then
    ...", "Main St. He ..."): then, as before a lowercase word, Drive and Street."""
    before_name = m.group(2) is not None
    preceding = m.string[max(0, m.start() - 60) : m.start()]
    starts_sentence = preceding.strip() == "" or preceding.rstrip().endswith((".", "!", "?"))
    title = (before_name or starts_sentence) and not _named_place_before(preceding)
    if title:
        return ("Doctor" if m.group(1) == "Dr" else "Saint") + " "
    place = "Drive" if m.group(1) == "Dr" else "Street"
    return place + (". " if m.group(2) else _keeps_period(m))  # before a capital: sentence end


_STREET_TYPES = {"St": "Street", "Ave": "Avenue", "Av": "Avenue", "Rd": "Road",
                 "Blvd": "Boulevard", "Ln": "Lane", "Dr": "Drive", "Ct": "Court", "Pl": "Place",
                 "Hwy": "Highway", "Cir": "Circle", "Ter": "Terrace",
                 "Sq": "Square", "Fwy": "Freeway", "Expy": "Expressway", "Trl": "Trail",
                 "Pkwy": "Parkway"}  # fmt: skip
_DIRECTIONS = {"N": "North", "S": "South", "E": "East", "W": "West", "NE": "Northeast",
               "NW": "Northwest", "SE": "Southeast", "SW": "Southwest"}  # fmt: skip
_WIND_POINTS = {d: w.lower() for d, w in _DIRECTIONS.items()} | {
    f"{a}{b}": f"{_DIRECTIONS[a].lower()}-{_DIRECTIONS[b].lower()}"
    for a, b in (("N", "NE"), ("E", "NE"), ("E", "SE"), ("S", "SE"), ("S", "SW"), ("W", "SW"),
                 ("W", "NW"), ("N", "NW"))}  # fmt: skip
"""A wind's or a storm's direction, to sixteen points: ``NNE`` north-northeast."""
_ADDRESS_GOES_ON = re.compile(rf"\s+(?:{ADDRESS_GOES_ON.pattern}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,"
                              r"\s[A-Z]{2}\b)")  # fmt: skip
"""What goes on with an address after its street: "Apt. 4B", "Suite 200", "Springfield, IL"
(not a new sentence, though it starts with a capital)."""


def _street(m: re.Match[str]) -> str:
    """``123 Main St`` -> "123 Main Street", ``1600 Pennsylvania Ave NW`` -> "... Avenue
    Northwest"; a period is kept where it ends the sentence, not before the rest of the
    address ("10 Oak Dr. Apt. 4", "5 Main St. Springfield, IL")."""
    words = f"{m[1]} {_STREET_TYPES[m[2]]}" + (f" {_DIRECTIONS[m[4]]}" if m[4] else "")
    if _ADDRESS_GOES_ON.match(m.string, m.end()):
        return words
    return words + _keeps_period(m)


_SPACE_AHEAD = re.compile(r"\s+")


def _abbreviation(table: dict[str, str]) -> Callable[[re.Match[str]], str]:
    """The word for the abbreviation; its period is kept where it ends the sentence, and for
    one that never ends a sentence before a capital ("Apple vs. Samsung"), only at the end;
    nor for a company's before a word that goes on with its name ("Acme Corp. HQ")."""

    def read(m: re.Match[str]) -> str:
        space = _SPACE_AHEAD.match(m.string, m.end())
        if (m.group(1) in COMPANY_SUFFIXES and space
                and COMPANY_GOES_ON.match(m.string, space.end())):  # fmt: skip
            return table[m.group(1)]
        return table[m.group(1)] + _keeps_period(
            m, m.group(1).lower() not in NON_FINAL_ABBREVIATIONS)

    return read


_INCLUDED_THING_AHEAD = re.compile(r"\s+(?:[a-z\d$€£¥₹(]|[A-Z]{2,}\b)")
"""What "incl." names when it is "including": a word, a number, an amount, a tax (VAT, GST)."""


def _including(m: re.Match[str]) -> str:
    """``incl. VAT`` -> "including VAT", ``excl. tax`` -> "excluding tax"; at the end of a
    clause, "utilities incl." -> "utilities included"."""
    word = "includ" if m[1].lower() == "incl" else "exclud"
    word = word.capitalize() if m[1][0].isupper() else word
    if _INCLUDED_THING_AHEAD.match(m.string, m.end()):
        return word + "ing"
    return word + "ed" + _keeps_period(m)


_MOVED = (r"up|down|rose|rise[ns]?|rising|fell|falls?|falling|fallen|dropped|drops?|gain(?:ed|s)?|"
          r"lost|los(?:es|ing)|increased?|decreased?|climb(?:ed|s)?|declined?|jump(?:ed|s)?|"
          r"slip(?:ped|s)?")
_MOVED_BEFORE = re.compile(rf"\b(?:{_MOVED})\s*$", re.I)
_MOVED_BY_BEFORE = re.compile(rf"\b(?:{_MOVED}|widen(?:ed|s)?|narrow(?:ed|s)?)(?:\s+by)?\s*$", re.I)
"""A word that says which way a change went, "by" after it or not: "rose +2 pp", "fell by -4%"."""


_MOVED_RANGE_BEFORE = re.compile(rf"\b(?:{_MOVED})(?:\s+by)?\s+[+\-\u2212]?[$€£¥₹]?\d[\d,]*"
                                 r"(?:\.\d+)?%?\s?(?:to|[-–])\s?$", re.I)  # fmt: skip
"""A range's first end after a word that says which way: the second sign of ``down -2 to
-3%`` is not read either."""


def _sign_after_change(m: re.Match[str]) -> str:
    """``up +3.2%``, ``fell -4%``, ``down -2 to -3%`` -> "up 3.2%", "fell 4%", "down 2 to 3%":
    after a word that says which way, a change's sign is not read (was "up plus ...", "fell
    minus ...")."""
    before = max(0, m.start() - 40)
    return ("" if _MOVED_BY_BEFORE.search(m.string, max(0, m.start() - 20), m.start())
            or _MOVED_RANGE_BEFORE.search(m.string, before, m.start()) else m[0])


_AMOUNT_RANGE_BEFORE = re.compile(r"[$€£¥₹]\d[\d,.]*\s?(?:[-–]|to)\s?[$€£¥₹]?$")
"""The first end of a range of money: ``€25–35 pp`` is per person too."""


_DRIFT_BEFORE = re.compile(r"\b(?:drift(?:s|ed|ing)?|deviat(?:es?|ed|ing)|exceed(?:s|ed|ing)?|"
                           r"strays?|strayed|moves?|moved|shifts?|shifted|swings?|swung|off|"
                           r"bands?|threshold|tolerance|overweight|underweight)"
                           r"(?:\s+(?:by|more than|less than|over|under|at least|at most|up to|"
                           r"about|around|roughly|nearly|beyond|of|than))*\s+$", re.I)  # fmt: skip
"""Words of a share that strays from its target before ``5 pp``: "drifts more than 5 pp" is
percentage points (a portfolio's allocation)."""


def _percentage_points(m: re.Match[str]) -> str:
    """``-0.5 pp``, ``2.5pp``, ``by 1 pp`` -> "... percentage points", where a sign, a decimal,
    a word of change or a percentage in the text says so; after an amount, ``€45 pp``, per
    person; else pages, left (``a 300 pp book``)."""
    if (m.string[m.start() - 1 : m.start()] in tuple("$€£¥₹")  # €45 pp: per person
            or _AMOUNT_RANGE_BEFORE.search(m.string, max(0, m.start() - 24), m.start())):
        return f"{m['num']} per person"
    if not (m["sign"] or "." in m["num"] or "%" in m.string or "percent" in m.string
            or _MOVED_BY_BEFORE.search(m.string, max(0, m.start() - 20), m.start())
            or _DRIFT_BEFORE.search(m.string, max(0, m.start() - 40), m.start())):
        return m[0]
    return f"{m['sign'] or ''}{m['num']} percentage point{'' if m['num'] == '1' else 's'}"


def _arrow_up_or_down(m: re.Match[str]) -> str:
    """``↑18%`` -> "up 18%", ``▼3.2%`` -> "down 3.2%"; not read after a word that says which
    way ("fell ↓3.2%") or before a sign that does (``↓-2.1%``)."""
    if (m.string[m.end()] in "+-−"
            or _MOVED_BEFORE.search(m.string, max(0, m.start() - 12), m.start())):
        return ""
    return "up " if m[0][0] in "↑▲" else "down "


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation that tries longer words first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_QUAKE_WORDS = re.compile(r"\b(?:earthquakes?|quakes?|tremors?|aftershocks?|seismic|epicent\w*|"
                          r"USGS|Richter|tsunami)\b", re.I)
"""Words of earthquakes, near ``M6.4``: its magnitude."""
_CRICKET_WORDS = re.compile(r"\b(?:cricket|overs|wickets?|innings|bowl(?:ed|er|ers|ing)|batt(?:ed|ing)|"
                            r"ODI|T20|IPL|Test match|run rate|all out|declared|centur(?:y|ies))\b")
"""Words of cricket, near ``287/6``: runs for wickets."""
_WIND_DIRECTION = re.compile(
    rf"(?<![\w'’-])({_alternation(_WIND_POINTS)})( (?:at )?\d{{1,3}}(?: ?[-–] ?\d{{1,3}})? ?"
    r"(?:mph|km/h|kph|kmh|kts?|knots|m/s)\b|(?= (?:winds?|breezes?|gusts|swells?)\b))")
"""A direction before a speed: "Winds SW 10–15 mph", "moving NNE at 12 mph"; or before the
wind's word: "SW winds at 15 mph" (southwest winds; was "S W")."""

def _wind_point(m: re.Match[str]) -> str:
    """A direction in words, capitalised where it starts a sentence ("mph. NW breeze": the
    period before it stays a sentence's, not a unit's)."""
    words = _WIND_POINTS[m[1]]
    before = m.string[max(0, m.start() - 2) : m.start()]
    return words.capitalize() if m.start() == 0 or before[-1:] == "\n" or before in (". ", "! ", "? ") else words


_LEGAL_CODE = re.compile(
    rf"\b(?:(?P<state>{_alternation(_STATE_NAMES)})\. )?"
    rf"(?P<name>(?:(?:(?:{_alternation(_CODE_WORDS)})\.|[A-Z][a-z]+) (?:& )?){{0,4}})"
    r"(?P<head>Code|Laws|Stat\.)(?P<proc> (?:Civ|Crim)\. Proc\.)?(?P<ann> Ann\.)?(?![\w-])")
"""A state's code, laws or statutes, with a name of abbreviated words: "Cal. Gov. Code", "Code
Civ. Proc.", "Mass. Gen. Laws", "Fla. Stat. Ann."."""


_PLACES = {"Phila": "Philadelphia", "Calif": "California"}
"""Places abbreviated by newspapers (the AP's) that are no word or name: "Phila. (as of
2020)", "San Diego, Calif."."""
_STATES_AFTER_CITY = {name: full for name, full in _STATE_NAMES.items()
                      if name not in ("Del", "Ill", "Miss", "Mo", "Or")}
"""A state's abbreviation after a city and a comma: "Philadelphia, Pa." (not the names and
words "Del", "Mo", "Miss", "Ill", "Or": "Thanks, Mo.")."""
PLACE_ABBREVIATIONS = frozenset([*_PLACES, *_STATES_AFTER_CITY])
"""Abbreviated places whose period goes on before a lowercase word (the segmenter asks):
"Phila. (as of 2020) had", "Austin, Tex. is"."""
_PLACE = re.compile(
    rf"(?<![\w.])(?:(?P<place>{_alternation(_PLACES)})|(?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+)?, )"
    rf"(?P<state>{_alternation(_STATES_AFTER_CITY)}))\.(?![\w.])")
"""``Phila.``, ``Calif.`` anywhere; a state's abbreviation after a city, ``Austin, Tex.``."""


def _place(m: re.Match[str]) -> str:
    if m["place"]:
        return _PLACES[m["place"]] + _keeps_period(m)
    return m["city"] + _STATES_AFTER_CITY[m["state"]] + _keeps_period(m)


_REPORTER_SERIES = re.compile(
    r"(?<=\d )(?P<reporter>(?:[A-Z][a-z]{0,4}\.|[A-Z]\.)(?: ?(?:[A-Z][a-z]{0,4}\.|[A-Z]\.)){0,3}) ?"
    r"(?P<series>[23]d|[1-9]\d?(?:st|nd|rd|th))(?= \d)")
"""A case reporter and its series between a volume and a page: ``123 F.3d 456``, ``F. Supp.
2d``, ``Cal. App. 4th``, ``S.W.3d``."""


def _reporter_series(m: re.Match[str]) -> str:
    """The reporter's letters and its series' ordinal: "F third", "F Supp second", "S W third".
    Lawyers say "F third" or "F three d"; the ordinal is what ``3d`` abbreviates (the third
    series), and is how ``F.4th``, its successor, can only be read."""
    reporter = m["reporter"].replace(".", " ").replace("Rptr", "Reporter").split()
    series = m["series"]
    n = int(series.rstrip("dstnrh"))
    return " ".join([*reporter, ordinal(n)])


def _legal_code(m: re.Match[str]) -> str:
    """``_LEGAL_CODE`` in words: "California Government Code" (was "Cal. Governor Code"),
    "Code of Civil Procedure", "Florida Statutes"; as written where nothing is abbreviated
    ("Penal Code", "the Da Vinci Code")."""
    name = m["name"]
    if not (m["state"] or "." in name or m["proc"] or m["ann"]):
        return m[0]
    words = [_STATE_NAMES[m["state"]]] if m["state"] else []
    for word in name.split():
        stem = word.rstrip(".")
        if word == "&":
            words.append("and")
        elif stem == "Rev" and "& Tax" in name:
            words.append("Revenue")  # Rev. & Tax. Code: the Revenue and Taxation Code
        else:
            words.append(_CODE_WORDS[stem] if word.endswith(".") else word)
    words.append("Statutes" if m["head"] == "Stat." else m["head"])
    if m["proc"]:
        words.append(f"of {_CODE_WORDS[m['proc'].split('.')[0].strip()]} Procedure")
    return " ".join(words) + (" Annotated" if m["ann"] else "")


_STREET_WORDS = _alternation([*_STREET_TYPES, *_STREET_TYPES.values(), "Way", "Parkway", "Pkwy"])
"""A street's type, short or written out (a direction before the street's name says West)."""
STREET_AFTER_DIRECTION = re.compile(rf"(?:\d{{1,3}}(?:st|nd|rd|th)|[A-Z][a-z]{{1,15}})"
                                    rf"(?:[ ][A-Z][a-z]{{1,15}}){{0,2}}[ ](?:{_STREET_WORDS})(?=[^A-Za-z])")
"""A street's name and type after a direction's letter and a house number, "500 W. Madison
St.": there the letter's period ends no sentence (the segmenter asks; W after a number is
otherwise watts, which may end one). Four words at most, and the character after them."""


_PER_UNIT = {"mol": "mole", "s": "second", "m": "meter", "kg": "kilogram", "g": "gram",
             "L": "liter", "K": "kelvin", "h": "hour", "min": "minute", "yr": "year",
             "cm": "centimeter", "km": "kilometer"}  # fmt: skip
"""Units read "per" one before ``^-1`` (``mol⁻¹``: per mole)."""


_GREEK = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi "
          "rho sigma tau upsilon phi chi psi omega").split()  # fmt: skip
_MATH_WORDS = {"times": "times", "cdot": "times", "div": "divided by", "pm": "plus or minus",
               "leq": "at most", "le": "at most", "geq": "at least", "ge": "at least",
               "neq": "not equal to", "ne": "not equal to", "approx": "≈",
               "infty": "infinity", "int": "the integral of", "sum": "the sum of",
               "prod": "the product of", "lim": "the limit of", "to": "to",
               "cap": "intersect", "cup": "union",
               "rightarrow": "to", "partial": "partial", "nabla": "nabla", "log": "log",
               "ln": "natural log of", "sin": "sine", "cos": "cosine", "tan": "tangent",
               "cdots": "", "ldots": "", "dots": "", "left": "", "right": "", "quad": "",
               "qquad": "", "text": "", "mathrm": "", "mathbf": "", "displaystyle": ""}  # fmt: skip

_BOUNDED = {"int": "integral", "sum": "sum", "prod": "product"}

_INLINE_MATH = re.compile(r"\$(?<![\w$]\$)(?=[^\s$])([^$\n]{1,200}+)\$(?<!\s\$)(?<!/\$)(?![\w$])")
"""``$x = 3$``: inline math, as LLMs write it, with pandoc's rule (no space inside either
``$``, no digit after the closing one), so that money stays money (``$5 and $10``,
``$5-$10``, ``$AAPL and $TSLA``), nor one whose closing ``$`` is a currency's after an amount
(``$0.99/min or 82 S$``), nor one a rate's ``/$`` closes (``(~$4.2T) ... ¥151.9/$``). Its
delimiters are dropped: "three", not "three dollars"."""


_PATH_PART = r"[^\\\s{}<>|\"*?:]"
_WINDOWS_PATH = re.compile(rf"(?<![\w\\$])([A-Z]):\\((?:{_PATH_PART}+(?: {_PATH_PART}+)*\\)*{_PATH_PART}*?)"
                           r"(?=[.,;:!?)'\"]*(?:\s|$))")
"""A drive's letter, then folders (a space only inside a folder's name: ``Program Files``)
and a file."""


def _windows_path(m: re.Match[str]) -> str:
    return f" {m[1]} colon backslash " + m[2].replace("\\", " backslash ") + " "


def _inline_math(m: re.Match[str]) -> str:
    if re.search(rf"\d\s?(?:{_DOLLAR_PREFIXES})$", m[1]):
        return m[0]
    after = "" if m.string[m.end() : m.end() + 1].isspace() else " "
    return f" {m[1]}{after}"  # "$r = 3$ cm": the unit stays next to its number

_LEADING_MINUS = re.compile(r"^\s*-(?=[A-Za-z])")
r"""A fraction's part that opens with a minus before a variable: ``\frac{-b \pm ...}{2a}`` (minus b;
was "-b", read as a dash)."""
_FRAC = Rule(re.compile(r"\\d?frac\{([^{}]*)\}\{([^{}]*)\}"),
             lambda m: f" {_LEADING_MINUS.sub('minus ', m[1])} over {_LEADING_MINUS.sub('minus ', m[2])} ",
             needs=("frac{",))
_SQRT = Rule(re.compile(r"\\sqrt\{([^{}]*)\}"), r" the square root of \1 ", needs=("\\sqrt{",))

_LATEX: list[Rule] = [
    # a Windows path: C:\Program Files\App\app.exe (its backslashes were taken for LaTeX's
    # commands and dropped: "C: Program Files App app dot exe")
    Rule(_WINDOWS_PATH, _windows_path, needs=(":\\",)),
    Rule(re.compile(r"\$\$|\\[\[\]()]"), " "),  # display and inline math delimiters
    Rule(re.compile(r"\\[,;:! ]"), " ", needs=("\\",)),  # spacing commands
    Rule(re.compile(r"\\(int|sum|prod)(?:_\{([^{}]*)\}|_(\w))\^?(?:\{([^{}]*)\}|(\w))?"),
         lambda m: f" the {_BOUNDED[m[1]]} from {m[2] or m[3]}"
         + (f" to {m[4] or m[5]}" if m[4] or m[5] else "") + " of ",
         needs=("\\",)),  # fmt: skip
    # innermost first, three levels deep: \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}, \frac{\frac{1}{2}}{3}
    *[_SQRT, _FRAC] * 3,
    Rule(re.compile(r"\\(" + "|".join(_GREEK) + r")\b", re.I), lambda m: f" {m[1].lower()} ",
         needs=("\\",)),
    Rule(re.compile(rf"\\({_alternation(_MATH_WORDS)})(?![A-Za-z])"),
         lambda m: f" {_MATH_WORDS[m[1]]} ", needs=("\\",)),  # fmt: skip
    Rule(re.compile(r"\\([A-Za-z]+)"), r" \1 ", needs=("\\",)),  # any other command: its name
]

_POWERS: list[Rule] = [  # after a letter or bracket; between numbers see _NUMBERS
    # a unit to the power of minus one after a number: 6.022 × 10²³ mol⁻¹, 0.5 s⁻¹, kJ mol⁻¹
    # (were "moles to the power of minus one")
    Rule(re.compile(r"(?:(?<=\d)|(?<=\d )|(?<=\^-1 )|(?<=J ))(?P<unit>mol|s|m|kg|g|L|K|h|min|yr|cm|km)"
                    r"\^-1(?![\w^])"),
         lambda m: f"per {_PER_UNIT[m['unit']]}", needs=("^-0",)),  # fmt: skip
    Rule(re.compile(r"(?<=[A-Za-z)\]}])\s?\^\s?\{?2\}?(?!\d|\.\d)"), " squared "),
    Rule(re.compile(r"(?<=[A-Za-z)\]}])\s?\^\s?\{?3\}?(?!\d|\.\d)"), " cubed "),
    # a power in brackets: P(1 + r/n)^(nt) (the brackets and the power were dropped: "(nt)")
    Rule(re.compile(r"(?<=[A-Za-z0-9)\]}])\s?\^\s?\((-?)([^()\n]{1,20})\)"),
         lambda m: f" to the power of {'minus ' if m[1] else ''}{m[2]} ", needs=("^",)),
    # a quotient of two variables inside a formula's bracket or after its sign: (1 + r/n)
    # (was "r slash n"; n/a, y/n and w/o alone stay)
    Rule(re.compile(r"(?<=\()[a-z]/[a-z](?= [+\-*×=] )|(?<=[+\-*=×] )[a-z]/[a-z](?=[ )])"),
         lambda m: m[0].replace("/", " over "), needs=("/",)),
    Rule(re.compile(r"(?<=[A-Za-z)\]}])\s?\^\s?\{?(-?\d+|[A-Za-z])\}?"), r" to the power of \1 "),
]

_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_WEEKDAY_NAMES = {d: d for d in _WEEKDAYS} | {d[:3]: d for d in _WEEKDAYS} | {
    "Tues": "Tuesday", "Thur": "Thursday", "Thurs": "Thursday"}  # fmt: skip
_WEEKDAY = rf"\b({_alternation(_WEEKDAY_NAMES)})\b"
_MONTHS = ("January February March April May June July August September October November "
           "December").split()  # fmt: skip
_MONTH_ABBR = {m[:3]: m for m in _MONTHS} | {"Sept": "September"}
_MONTH_STEMS = tuple(m[:3] for m in _MONTHS)
"""What every name of a month holds, written out or short ("Sept" too): a rule's ``needs``."""
_WEEKDAY_STEMS = tuple(d[:3] for d in _WEEKDAYS)
"""Likewise for the names of the weekdays ("Tues", "Thurs" too)."""
CALENDAR_NAMES = frozenset([*_WEEKDAY_NAMES, *_MONTHS, *_MONTH_ABBR])
"""Weekdays and months, written out or short, as written ("Monday", "Tues", "Sept"): after
"5 p.m." such a word goes on with the time (the segmenter asks)."""
_MONTH = f"{'|'.join(_MONTHS)}|{_alternation(_MONTH_ABBR)}"
_WEEKDAY_DATE_AHEAD = (rf",?\s+(?:(?:{_MONTH})\b|-?\d{{1,3}}(?:/-?\d{{1,3}})?°"
                       rf"|\d{{1,2}}\s?[-–]\s?(?:{_alternation(_WEEKDAY_STEMS)})\b"
                       rf"|\d{{1,2}}(?:[/:.]\d|\s?[-–]\s?\d|\s?[ap]\.?m\b|h[0-5]\d|h\s?[-–]\s?\d"
                       rf"|st\b|nd\b|rd\b|th\b|\s(?:{_MONTH})\b)|at\s\d{{1,2}}(?:[:.]\d|\s?[ap]\.?m\b))")  # fmt: skip
"""What makes a weekday's short name one: a month, a date or a time after it ("Mon, Dec 5",
"Tue 3/4", "Sat 9-5", "Sat 9h-12h", "Tue 3 Dec", "Sun. at 4:25", "Sun at 10am"), a temperature ("Fri 27°C") or
a range of days to another weekday ("Fri 14–Sun 16 June")."""

_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral written the standard way (XIV, not XIIII), up to 399;
    None for anything else."""
    values = [_ROMAN_DIGITS.get(c) for c in numeral]
    if not numeral or None in values:
        return None
    total = 0
    for i, value in enumerate(values):
        assert value is not None
        following = values[i + 1] if i + 1 < len(values) else 0
        total += -value if following and following > value else value
    return total if 0 < total < 400 and _roman(total) == numeral else None


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                           (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        count, n = divmod(n, value)
        out += letters * count
    return out


_ROMAN_CUES = ("Chapter Chapters Part Parts Volume Vol Book Act Scene Section Article Appendix "
               "Phase Stage Level Type Class Grade Episode Season Title Round Tier Category War Bowl "
               "Schedule Amendment Unit Lesson Psalm Canto Division League Form").split()  # fmt: skip
_REGNAL_NAMES = ("Henry Edward George William Richard Charles James Elizabeth Mary Anne Louis "
                 "Philip Philippe Frederick Alexander Nicholas Peter Ivan John Paul Pius Leo "
                 "Gregory Benedict Innocent Clement Urban Boniface Alfonso Ferdinand Carlos Juan "
                 "Felipe Victor Emmanuel Umberto Wilhelm Francis Joseph Otto Rudolf Gustav "
                 "Gustaf Christian Haakon Olav Harald Frederik Margrethe Ramesses Ramses "
                 "Thutmose Amenhotep Ptolemy Cleopatra Constantine Justinian Napoleon Leopold "
                 "Albert Baudouin Rama Mehmed Murad Selim Suleiman Darius Xerxes Antiochus "
                 "Sancho Casimir Sigismund Stephen Matthias Edmund Malcolm David Robert Kamehameha "
                 "Willem Sixtus Julius Adrian Celestine Martin Eugene Hadrian Pedro Manuel "
                 "Catherine Nero Augustus Tiberius Valentinian Theodosius Basil Michael Andronikos "
                 "Vasily Dmitry Boris Sergius Honorius Marcus Lothair Conrad Ludwig Maximilian "
                 "Charlemagne Magnus Eric Erik Valdemar Canute Olaf Sverre Harold Edgar Ethelred "
                 "Kenneth Duncan Alexios Isaac Romanos Leopoldo Friedrich Karl Franz").split()  # fmt: skip
_ROMAN = r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"


def _roman_after_cue(m: re.Match[str]) -> str:
    """``Chapter IV`` -> "Chapter four"; a lone C or L is a letter, not 100 or 50 (``Class C``,
    ``USB Type C``, ``Medicare Part C``): no title counts that far in one numeral's letter."""
    if m["num"] in ("C", "L"):
        return m.group(0)
    value = roman_value(m["num"])
    cue = "Volume" if m["cue"] == "Vol" else m["cue"]
    return m.group(0) if value is None else f"{cue} {cardinal(value)}"


def _regnal(m: re.Match[str]) -> str:
    value = roman_value(m["num"])  # never "I": "when I met Mary I was ..."
    return m.group(0) if value is None or value == 1 else f"{m['name']} the {ordinal(value)}"


def _hex_colour(m: re.Match[str]) -> str:
    """A colour's code, character by character: ``#FF5733`` -> "hex F F five seven three
    three"; letters alone only in capitals or one letter repeated (``#FFF``, ``#fff``), and
    in three only with a digit or repeated (not a hashtag: ``#ACE``, ``#dad``); never after
    "order", "case" ... (``Order #A12345`` is an identifier)."""
    code = m[1]
    if _IDENTIFIER_BEFORE.search(m.string, max(0, m.start() - 40), m.start()):
        return m.group(0)  # "Order #A12345", "case #00123456": read by the identifier rule
    if not any(c.isdigit() for c in code) and not (
        len(set(code.lower())) == 1 or (code.isupper() and len(code) > 3)
    ):
        return m.group(0)
    return _spaced("hex " + " ".join(_ONES[int(c)] if c.isdigit() else c.upper() for c in code))


_NUMERONYMS = {"k8s": "Kubernetes", "K8s": "Kubernetes", "i18n": "internationalization",
               "I18N": "internationalization", "l10n": "localization", "L10N": "localization",
               "a11y": "accessibility", "A11y": "accessibility", "o11y": "observability",
               "g11n": "globalization", "e2e": "end to end", "E2E": "end to end",
               "p2p": "peer to peer", "P2P": "peer to peer"}  # fmt: skip
"""Words written as a count of their letters (``k8s`` was "k eight s"), as they are said."""
_KEY_NAMES = {"Ctrl": "Control", "CTRL": "Control", "Control": "Control", "Cmd": "Command",
              "CMD": "Command", "Command": "Command", "⌘": "Command", "Alt": "Alt", "ALT": "Alt",
              "Option": "Option", "Opt": "Option", "⌥": "Option", "Shift": "Shift",
              "SHIFT": "Shift", "⇧": "Shift", "⌃": "Control", "Win": "Windows", "Super": "Super",
              "Fn": "Fn", "Meta": "Meta"}  # fmt: skip
_LAST_KEYS = {"Del": "Delete", "Esc": "Escape", "PgUp": "Page Up", "PgDn": "Page Down",
              "Ins": "Insert", "Bksp": "Backspace", "/": "slash", ".": "period", ",": "comma",
              ";": "semicolon", "-": "minus", "=": "equals", "`": "backtick",
              "\\": "backslash"}  # fmt: skip
_KEY = _alternation(_KEY_NAMES)
_SHORTCUT = re.compile(rf"(?<![\w+])(?P<mods>(?:{_KEY})(?: ?\+ ?(?:{_KEY}))*) ?\+ ?"
                       rf"(?P<key>F\d{{1,2}}\b|[A-Za-z0-9](?![\w+])|[A-Z][a-z]+\b|{_alternation(_LAST_KEYS)})")


def _shortcut(m: re.Match[str]) -> str:
    """``Ctrl+Shift+P`` -> "Control plus Shift plus P", ``Ctrl+Alt+Del`` -> "Control plus Alt
    plus Delete": the keys' names said, as ``⌘ + K`` is "Command plus K" (was "Ctrl", "Del")."""
    mods = [_KEY_NAMES[key] for key in re.split(r" ?\+ ?", m["mods"])]
    key = m["key"]
    return " plus ".join([*mods, _LAST_KEYS.get(key, key.upper() if len(key) == 1 else key)])


def _star_rating(m: re.Match[str]) -> str:
    """``★★★★☆`` -> "four out of five stars", ``★★★`` -> "three stars"."""
    full, empty = len(m["full"]), len(m["empty"])
    if empty:
        return f" {cardinal(full)} out of {cardinal(full + empty)} stars "
    return f" {cardinal(full)} stars "


_SOLAR = {"M": ("solar mass", "solar masses"), "R": ("solar radius", "solar radii"),
          "L": ("solar luminosity", "solar luminosities")}
"""``M☉``, ``R☉``, ``L☉`` after a number: the Sun's mass, radius and luminosity as units."""

_RUNWAY = r"(?:0[1-9]|[12]\d|3[0-6])[LRC]?"


def _runway(name: str) -> str:
    """``28L`` -> "two eight left", as a tower says a runway's number and side."""
    side = {"L": " left", "R": " right", "C": " center"}.get(name[-1], "")
    return digits(name.rstrip("LRC")) + side


_ABBREVIATIONS: list[Rule] = [
    # a game's final after overtime or a shootout, as a box score writes it: F/OT, F/2OT,
    # F/SO (were "F OT", "F two OT"): final in overtime ... (not F/10 or F/11, an aperture's
    # as often as a tenth inning's); overtimes counted, won in 2OT (was "two OT")
    Rule(re.compile(r"\bF/(?:(?P<ot>[2-4]?)OT|(?P<so>SO))\b"), _final_after,
         needs=("F/",)),
    Rule(re.compile(r"(?<![\w/])([2-4])OT\b"),
         lambda m: {"2": "double", "3": "triple", "4": "quadruple"}[m[1]] + " overtime",
         needs=("OT",)),
    # a spaced slash between words, a list's: 25' front / 5' sides, red / blue, Tips / Tricks
    # (was dropped, the items run together): a pause
    Rule(re.compile(r"(?:(?<=[A-Za-z]{3})|(?<=\d [AaPp][Mm])|(?<=\d[AaPp][Mm])"
                    r"|(?<=\d [AaPp]\.[Mm]\.)|(?<=\d[AaPp]\.[Mm]\.)) / "
                    r"(?=[A-Za-z]{2}|\d)"), _list_slash, needs=(" / ",)),
    # a flight's departure and arrival before a time: dep. 7:30 PM, arr. 7:35 AM (were "dep.")
    Rule(re.compile(r"\b([Dd])ep\.(?= \d)|\b([Aa])rr\.(?= \d)"),
         lambda m: f"{m[1]}eparts" if m[1] else f"{m[2]}rrives", needs=("ep.", "rr.")),
    # a standard deviation: std dev, std. dev. (was "std dev")
    Rule(re.compile(r"\b([Ss])td\.? ?dev\b\.?"), r"\1tandard deviation", needs=("td",)),
    # "avg" without its period, as a table or a list writes it: 9:09/mi avg (was "avg")
    Rule(re.compile(r"\b([Aa])vg\b(?!\.)"), r"\1verage", needs=("avg", "Avg")),
    # a kettlebell before its lift: 15 KB swings, KB goblet squats (was "fifteen kilobyte
    # swings")
    Rule(re.compile(r"\bKBs?(?= (?:swings?|snatch(?:es)?|cleans?|goblet|press(?:es)?|deadlifts?|"
                    r"rows?|windmills?|(?:Turkish )?get-ups?|halos?|complex(?:es)?"
                    r"|carr(?:y|ies))\b)"),
         lambda m: "kettlebells" if m[0].endswith("s") else "kettlebell", needs=("KB",)),
    # words written as a count of their letters: k8s, i18n, a11y (were "k eight s" ...)
    Rule(re.compile(rf"(?<![\w.-])({_alternation(_NUMERONYMS)})(?!\w)"), lambda m: _NUMERONYMS[m[1]],
         needs=tuple({re.sub(r"\d", "0", word) for word in _NUMERONYMS})),
    # Windows by its short name joined to its version: Win11, win10, WinXP (were "Win eleven")
    Rule(re.compile(r"(?<![\w.-])[Ww]in(7|8\.1|8|10|11|XP)(?!\w|[.-]\d)"), r"Windows \1",
         needs=("Win0", "win0", "WinXP", "winXP")),
    # keys held together: Ctrl+C, Ctrl+Alt+Del, Cmd+K (Control plus C ...; was "Ctrl", "Del")
    Rule(_SHORTCUT, _shortcut, needs=("+",)),
    Rule(re.compile(r"\b(?:Ctrl|CTRL)\b"), "Control", needs=("Ctrl", "CTRL")),  # the Ctrl key
    # a number's sign before a colon after a label: Model #:, Item #: (was "Model hash:")
    Rule(re.compile(r"(?<=[A-Za-z]) #(?=:)"), " number", needs=(" #:",)),
    # a rating in stars: 4.5★, a 5★ hotel, ★★★★☆ (the stars were dropped)
    Rule(re.compile(r"(?<![\w.])(\d(?:\.\d{1,2})?) ?[★⭐](?![★⭐☆])"),
         lambda m: f"{m[1]} star{'' if m[1] == '1' or _after_article(m) else 's'}",
         needs=("★", "⭐")),
    Rule(re.compile(r"(?<![★⭐☆\d])(?P<full>[★⭐]{2,10}|[★⭐](?=☆))(?P<empty>☆{0,10})(?![★⭐☆])"),
         _star_rating, needs=("★", "⭐")),
    # Roman numerals where they are numbers: "Chapter IV", "World War II" (four, two), and
    # after a monarch's or pope's name: "Henry VIII", "Pope John XXIII" (the eighth, ...)
    Rule(re.compile(rf"\b(?P<cue>{_alternation(_ROMAN_CUES)})\.?\s(?P<num>{_ROMAN})\b(?![\w'’-])"),
         _roman_after_cue, needs=tuple(_ROMAN_CUES)),  # fmt: skip
    Rule(re.compile(rf"\b(?P<name>{_alternation(_REGNAL_NAMES)})\s(?P<num>{_ROMAN})\b(?![\w'’-])"),
         _regnal, needs=tuple(_REGNAL_NAMES)),  # fmt: skip
    # weekdays joined by slashes: Mon/Wed/Fri Monday, Wednesday, Friday (was "Mon slash Wed")
    Rule(re.compile(r"\b(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?:/(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri"
                    r"|Sat|Sun)){1,6}\b(?![/\w])"),
         lambda m: ", ".join(_WEEKDAY_NAMES[d] for d in m[0].split("/")), needs=("/",)),
    Rule(re.compile(rf"{_WEEKDAY}\.?\s?[-–]\s?{_WEEKDAY}\.?"),
         lambda m: f"{_WEEKDAY_NAMES[m[1]]} to {_WEEKDAY_NAMES[m[2]]}" + _keeps_period(m),
         needs=_WEEKDAY_STEMS),
    Rule(re.compile(r"(?<![\w-])M\s?[-–]\s?F(?![\w-])"), "Monday to Friday",  # 9-5 M-F (not million)
         needs=("-", "–")),
    Rule(re.compile(rf"{_WEEKDAY}(\.?(?:\s?&\s?|\s(?:and|or|through|thru|to)\s|,\s)){_WEEKDAY}(\.?)"),
         lambda m: _WEEKDAY_NAMES[m[1]] + m[2].replace(".", "") + _WEEKDAY_NAMES[m[3]]
         + _keeps_period(m),  # Sat & Sun, Sat and Sun: weekdays
         needs=_WEEKDAY_STEMS),  # fmt: skip
    # a weekday's or month's short name in a date: "Mon, Dec 5", "Sat.", "Jan. 2024" (not
    # "Sun.", the star), and month ranges: "Jan-Mar 2025" -> January to March
    Rule(re.compile(rf"\b({_alternation(k for k in _WEEKDAY_NAMES if len(k) < 6)})"
                    rf"(?:(?<!Sun)\.(?=[\s,]|$)|\.?(?={_WEEKDAY_DATE_AHEAD}))"),
         lambda m: _WEEKDAY_NAMES[m[1]] + _keeps_period(m), needs=_WEEKDAY_STEMS),  # fmt: skip
    # and after a word that names a day: "on Mon", "by Fri", "(closed Mon)", "every Tue" (not
    # "Sun", the star)
    Rule(re.compile(r"(?<![\w-])((?i:on|by|until|till|closed|every|next|this|last|from|except|"
                    r"before|after|through|thru)\s)(Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat)\b"
                    r"(?![\w'’-]|\.\w)"),
         lambda m: m[1] + _WEEKDAY_NAMES[m[2]], needs=_WEEKDAY_STEMS),
    # and before a part of the day: "landfall near Tampa Wed night", "Fri morning" (was "Wed")
    Rule(re.compile(r"(?<![\w-])(Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat)(?= (?:night|morning|evening|"
                    r"afternoon|overnight)\b)"),
         lambda m: _WEEKDAY_NAMES[m[1]], needs=_WEEKDAY_STEMS),
    # a range of months, the second's part of the month too: "Mar.–early Apr. in" (was
    # "March-early April. in")
    Rule(re.compile(rf"\b({_MONTH})\.?\s?[-–]\s?((?i:early|mid|late)[- ]?)?({_MONTH})"
                    r"(?:\b\.(?=\s+\d{4}\b|\s+[a-z]|,)|\b)"),
         lambda m: f"{_MONTH_ABBR.get(m[1], m[1])} to {m[2] or ''}{_MONTH_ABBR.get(m[3], m[3])}",
         needs=_MONTH_STEMS),
    Rule(re.compile(rf"\b({_alternation(_MONTH_ABBR)})\.?(?=\s+(?:\d{{4}}\b|['’]\d\d(?![\w'’])))"),
         lambda m: _MONTH_ABBR[m[1]], needs=_MONTH_STEMS),  # fmt: skip  # Sept. 2023, Jan '25
    # alone after a word that names a time: "in Dec.", "since Sept", "by Nov." (Jan and Mar, also
    # a name and a verb, only with their period)
    Rule(re.compile(r"(?<![\w-])((?i:in|since|until|till|through|thru|by|from|during|before|after"
                    r"|early|late|last|next|this|of)\s|(?i:mid)-\s?)"
                    r"(?:(Feb|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?|(Jan|Mar)\.)(?![\w'’-]|\.\w)"),
         lambda m: m[1] + _MONTH_ABBR[m[2] or m[3]] + _keeps_period(m), needs=_MONTH_STEMS),
    # a direction between a house number and the street's name: 42 W. 57th St., 350 W 42nd
    # Street (West; was "watts")
    Rule(re.compile(rf"(?<![\w.])(\d{{1,6}}[A-Z]?\s)({_alternation(_DIRECTIONS)})\.?(?=\s(?:\d{{1,3}}"
                    rf"(?:st|nd|rd|th)|[A-Z][a-z]+)(?:\s[A-Z][a-z]+){{0,2}}\s(?:{_STREET_WORDS})\b)"),
         lambda m: m[1] + _DIRECTIONS[m[2]], needs=("N", "S", "E", "W")),  # fmt: skip
    # a street's type after a house number and the street's name, and its direction: 123 Main
    # St, 1600 Pennsylvania Ave NW, 5th Ave., 10 Oak Dr. Apt. 4 (Street, Avenue Northwest ...)
    # a federal circuit after its number: the 9th Cir. (a street's Cir. is a Circle)
    Rule(re.compile(r"(?<![\w.])(\d{1,2}(?:st|nd|rd|th)|D\.C\.|Fed\.) Cir\.(?=[\s,);]|$)"),
         r"\1 Circuit", needs=(" Cir.",)),
    # PCIe lanes: PCIe 5.0 x16 ("by sixteen", not "times sixteen")
    Rule(re.compile(r"\b(PCIe(?: \d(?:\.\d)?)?) x(1|2|4|8|16|32)\b"), r"\1 by \2",
         needs=("PCIe",)),
    # a business's founding year: Est. 1998 (Established; "Est. 2025 revenue" is estimated,
    # below)
    Rule(re.compile(r"\b([Ee])st\.(?= (?:1[5-9]|20)\d\d\b(?![.,]\d| [a-z]))"),
         lambda m: "Established" if m[1] == "E" else "established", needs=("Est.", "est.")),
    # estimates after a word that beats or misses them: "beat est. of $38.1B" (was "estimated")
    # (before an amount, estimates of it: "vs. est. $1.28" was "versus estimates one dollar")
    Rule(re.compile(r"\b(beat|beats|missed|misses|topped|tops|above|below|consensus|vs\.?) est\."
                    r"(?P<of> (?=[$€£¥₹]?\d))?"),
         lambda m: f"{m[1]} estimates{' of ' if m['of'] else ''}", needs=("est.",)),
    # a public law before its number: Pub. L. 117-169, P.L. 111-148 (Public Law)
    Rule(re.compile(r"\b(?:Pub\.|P\.) ?L\.(?= (?:No\. )?\d{2,3}-\d)"), "Public Law",
         needs=("Pub.", "P.")),
    # a.k.a. before a name (was read as written, letters and dots)
    Rule(re.compile(r"(?<![\w.])(?:a\.k\.a\.?|A\.K\.A\.?|aka|AKA)(?=,?\s+\S)"), "also known as",
         needs=("a.k.a", "A.K.A", "aka", "AKA")),
    # a case's name: Brown v. Board of Education, Roe v. Wade ("v." between two names)
    Rule(re.compile(r"(?<=[A-Za-z'’)]) v\. (?=[A-Z])"), " versus ", needs=(" v. ",)),
    Rule(re.compile(rf"(?<![\w.])(\d{{1,6}}[A-Z]?(?:\s(?:[A-Z][a-z]+|\d{{1,3}}(?:st|nd|rd|th))){{1,3}}"
                    rf"|\d{{1,3}}(?:st|nd|rd|th))\s({_alternation(_STREET_TYPES)})\b(\.?)"
                    rf"(?:\s({_alternation(_DIRECTIONS)})\b(\.?))?(?![\w'-])"),
         _street, needs=tuple(_STREET_TYPES)),  # fmt: skip
    # a reporter's series between a case's volume and page: 123 F.3d 456 (F third; was "F point
    # three d"), F. Supp. 2d, Cal. App. 4th, S.W.3d
    Rule(_REPORTER_SERIES, _reporter_series, needs=("0d 0", "0th 0", "0st 0", "0nd 0", "0rd 0")),
    # a wind's direction before its speed: Winds SW 10–15 mph (southwest; was "S W"), NNE at 12 mph
    Rule(_WIND_DIRECTION, lambda m: _wind_point(m) + (m[2] or ""),
         needs=("mph", "km/h", "kph", "kmh", "kt", "knots", "m/s", " wind", " breeze", " gusts", " swell")),
    # a direction after a distance, before "of": 35 km SW of the city (southwest; was "S W")
    Rule(re.compile(rf"(?<=\d)( ?(?:km|mi|miles?|kilometers?|kilometres?|m|ft|nmi|yards?)\.? )"
                    rf"({_alternation(_WIND_POINTS)})(?= of\b)"),
         lambda m: m[1] + _WIND_POINTS[m[2]], needs=(" of",)),
    # an earthquake's magnitude: M6.4, M 7.0, an M7 quake (magnitude; was "M six point four")
    # where the text speaks of earthquakes (the M5 bus stays)
    Rule(re.compile(r"(?:\b(?P<an>[Aa])n )?(?<![\w.])M ?(?=\d\.\d(?!\w|\.\d)|\d(?:\.\d)? (?:earth)?quake)"),
         lambda m: (f"{m['an']} " if m["an"] else "") + "magnitude " if _QUAKE_WORDS.search(
             m.string, max(0, m.start() - 120), m.end() + 120) else m[0], needs=("M",)),
    # a college savings plan by its section of the tax code: a 529 plan (five twenty-nine, as
    # 401(k) is said in pairs; was "five hundred twenty-nine")
    Rule(re.compile(r"(?<![\w.,$])529(?= (?:college )?(?:plans?|accounts?|savings)\b)"), "five twenty-nine",
         needs=("000",)),
    # a cricket side's runs for its wickets where the text speaks of cricket: 287/6 (two hundred
    # eighty-seven for six; was "slash six")
    Rule(re.compile(r"(?<![\w.,/$€£])(?P<runs>[1-9]\d{1,2})/(?P<wickets>10|\d)(?![\w/]|[.,]\d)"),
         lambda m: f"{m['runs']} for {m['wickets']}" if _CRICKET_WORDS.search(
             m.string, max(0, m.start() - 120), m.end() + 120) else m[0], needs=("0/0",)),
    # a quantity's abbreviation before its number: Qty: 30 (was "Qty")
    Rule(re.compile(r"(?<![\w.])(Qty|QTY|qty)\.?(?=:?\s*\d)"),
         lambda m: "quantity" if m[1] == "qty" else "Quantity", needs=("Qty", "QTY", "qty")),
    # a state's code: Cal. Gov. Code (was "Cal. Governor Code"), Code Civ. Proc.
    Rule(_LEGAL_CODE, _legal_code, needs=("Code", "Laws", "Stat.")),
    Rule(re.compile(rf"\b({_alternation(_TITLES)})\.(?=\s)"), lambda m: _TITLES[m.group(1)],
         needs=tuple(f"{title}." for title in _TITLES)),
    Rule(re.compile(r"\b(Dr|St)\.(\s+(?=[A-Z]))?"), _title_or_place, needs=("Dr.", "St.")),
    Rule(re.compile(r"\b(No|no)\.(?=\s*#?[A-Z]{1,4}-?\d)"), "number",  # Model No. XR-500
         needs=("No.", "no.")),
    # Fed. R. Civ. P. 4 -> Federal Rule of Civil Procedure four (was "Fed. R. Civ. P.")
    Rule(re.compile(rf"\bFed\. ?{FEDERAL_RULES.pattern}"),
         lambda m: f"Federal Rule of {_FEDERAL_RULES[m['body'].split('.')[0]]}", needs=("Fed.",)),
    Rule(re.compile(rf"\b({_alternation(_BEFORE_NUMBER | _CAPITALISED_BEFORE_NUMBER)})\.(?:(?=\s*\d)|(?<=[Tt]el\.)(?=\s*[+(]\d))"),
         lambda m: (_BEFORE_NUMBER | _CAPITALISED_BEFORE_NUMBER)[m.group(1)],
         needs=tuple(f"{word}." for word in _BEFORE_NUMBER | _CAPITALISED_BEFORE_NUMBER)),  # fmt: skip
    Rule(re.compile(r"\bFt\.(?=\s+[A-Z])"), "Fort", needs=("Ft.",)),  # Ft. Worth (6 ft. is feet)
    Rule(re.compile(r"\b(Hwy|Rte|Rt|Fwy)\.?(?=\s?\d)"),  # Hwy 101, Rte. 66
         lambda m: {"Hwy": "Highway", "Fwy": "Freeway"}.get(m[1], "Route"),
         needs=("Hwy", "Rt", "Fwy")),
    Rule(re.compile(r"(?<![\w.-])hwy(?![\w-])"), "highway", needs=("hwy",)),  # 35 mpg hwy (was "hwy")
    # a runway, digit by digit and its side: Runway 28L -> runway two eight left (was "twenty-eight
    # liters"), RWY 09R, runways 28L/28R
    Rule(re.compile(rf"\b(?P<word>[Rr]unways?|RWY|Rwy) (?P<first>{_RUNWAY})(?:/(?P<second>{_RUNWAY}))?\b"),
         lambda m: f"{m['word'] if m['word'][1] == 'u' else 'runway'} {_runway(m['first'])}"
                   + (f" and {_runway(m['second'])}" if m["second"] else ""),
         needs=("unway", "RWY", "Rwy")),
    # a note's flat or sharp: E♭, F♯, B♭7 (the signs were dropped: "E", "F")
    Rule(re.compile(r"(?<![A-Za-z])([A-G])([♭♯])"),
         lambda m: f"{m[1]} {'flat' if m[2] == '♭' else 'sharp'}", needs=("♭", "♯")),
    # the Sun's mass, radius and luminosity as astronomers write them: 16.5 M☉ (was "million")
    Rule(re.compile(r"(?P<one>(?<![\w.,])1 ?)?\b(?P<of>[MRL])_?[☉⊙]"),
         lambda m: (m["one"] or "") + _SOLAR[m["of"]][0 if m["one"] else 1], needs=("☉", "⊙")),
    Rule(re.compile(r"\bWW(II|I|2|1)\b"),
         lambda m: "World War " + ("two" if m[1] in ("II", "2") else "one"), needs=("WW",)),
    Rule(re.compile(r"\bTL;\s?DR\b", re.I), "T L D R", needs=("tl;",)),
    Rule(re.compile(r"(?<![\w.])O\(([\w^*+!/ .-]{1,24})\)"), r"big O of \1",  # O(n log n), O(1)
         needs=("O(",)),
    Rule(re.compile(r"\b([Aa])n (?=big O of )"), r"\1 ", needs=("big O of",)),  # an O(n²): a big O
    # the number sign of French, Spanish, Italian ...: N°7, nº 5 (was "N degrees seven")
    Rule(re.compile(r"(?<![\w.])([Nn])[°º] ?(?=\d)"), lambda m: "Number " if m[1] == "N" else "number ",
         needs=("N°", "n°", "Nº", "nº")),
    # joined to a name before it and a number after it, a tilde is git's: HEAD~3 (was "HEAD
    # about three"; a spaced one is "about", ~5 min, and one between numbers a range, 10~20)
    Rule(re.compile(r"(?<=[A-Za-z]{2})~(?=\d)"), " tilde ", needs=("~0",)),
    # a range of clothing sizes: XS–XXL, S-3XL, sizes S–L (was "XS-XXL", a hyphenated word)
    Rule(re.compile(r"(?<![\w-])(?P<lo>\d?X{0,3}[SL]|M) ?[-–] ?(?P<hi>\d?X{0,3}[SL]|M)(?![\w-])"),
         lambda m: f"{m['lo']} to {m['hi']}" if m["lo"] != m["hi"] and (
             "X" in m[0] or re.search(r"\b[Ss]izes?:?\s$", m.string[max(0, m.start() - 8):m.start()]))
         else m[0], needs=("-", "–")),
    # between a determiner and its noun, approx. is an adjective: the approx. cost (was "the
    # approximately cost"; before a number it stays the adverb: an approx. 5% drop)
    Rule(re.compile(r"\b((?i:the|an?|this|that|our|your|its|their|his|her|my)\s)approx\.?(?=\s+[A-Za-z])"),
         r"\1approximate", needs=("approx",)),
    Rule(re.compile(rf"(?<![\w.])({_alternation(_OTHER_ABBREVIATIONS)})\.(?![\w])"),
         _abbreviation(_OTHER_ABBREVIATIONS),
         needs=tuple(f"{word}." for word in _OTHER_ABBREVIATIONS)),  # fmt: skip
    Rule(_PLACE, _place, needs=("Phila.", "Calif.", ", ")),  # Phila., Austin, Tex.
    Rule(re.compile(r"(?<![\w.])([Ii]ncl|[Ee]xcl)\.(?!\w)"), _including,  # incl. VAT, utilities incl.
         needs=("incl.", "Incl.", "excl.", "Excl.")),
    Rule(re.compile(r"(\d)(?: ea|ea)\.?(?![\w.])"), lambda m: f"{m[1]} each" + _keeps_period(m),
         needs=("0ea", "0 ea")),  # $4.99 ea.
    Rule(re.compile(r"(?<![\w.])ca\.(?=\s?[$€£¥₹]?\d)"), "circa",  # ca. 1850, ca. $300
         needs=("ca.",)),
    Rule(re.compile(r"(?<![\w.-])vs(?![\w.-])"), "versus", needs=("vs",)),  # PS5 vs Xbox
    Rule(re.compile(r"(?<![\w&#])#(?=[0-9A-Fa-f]*[A-Fa-f])((?:[0-9A-Fa-f]{3}){1,2}|[0-9A-Fa-f]{8})\b"),
         _hex_colour, needs=("#",)),  # #FF5733, #fff
    Rule(re.compile(r"(?<![\w.])((?:[A-Z]\.){2,})(?!\w)"),
         lambda m: " ".join(m.group(1).replace(".", "")) + _keeps_period(m, False),
         needs=tuple(f"{letter}." for letter in string.ascii_uppercase)),  # fmt: skip
]

# --- numbers in context -----------------------------------------------------------------------

def _date(y: str, mo: str, d: str) -> str | None:
    month, day = int(mo), int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _spaced(f"{_MONTHS[month - 1]} {ordinal(day)}, {_date_year(int(y))}")


def _date_year(n: int) -> str:
    """A date's year: ``14 October 1066`` ten sixty-six, in pairs as a later one is (``year``
    reads it "one thousand sixty-six", as a count)."""
    return _in_pairs(n) if 1010 <= n < 1100 else year(n)


_DATE_CUE = ("(?:on|by|due|until|till|before|after|since|through|thru|starting|effective|"
             f"expires?|dated|as of|ends?|ending|starts?|begins?|ET[ADB]|week of|weekend of|"
             f"{'|'.join(_WEEKDAYS)})")
"""Words before which ``3/15`` is a date (March fifteenth), not a fraction."""


def _month_and_day(mo: str, d: str, weekday: bool = False) -> str | None:
    """``3/15`` after a date word; None where it reads better as a fraction (1/2, 2/3, 3/4),
    unless a weekday's name is that word (``Tue 3/4``: March fourth)."""
    month, day = int(mo), int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31) or (month < day <= 4 and not weekday):
        return None
    return _spaced(f"{_MONTHS[month - 1]} {ordinal(day)}")


def _dates_range(m: re.Match[str]) -> str:
    """``12/24-12/26`` -> "December twenty-fourth to December twenty-sixth", ``12/28-1/3``;
    left to the fraction rules unless both are dates, the second not before the first (a
    range of fractions falls: 3/8-3/16) save across a new year, and not after "scored",
    "rated" ... (3/10-5/10)."""
    first = _month_and_day(m[1], m[2])
    start, end = (int(m[1]), int(m[2])), (int(m[3]), int(m[4]))
    new_year = start[0] == 12 == end[0] + 11  # 12/28-1/3: 1/3 is no third there
    if (first is None or not (1 <= end[0] <= 12 and 1 <= end[1] <= 31)
            or (end < start and not new_year)
            or _SCORE_BEFORE.search(m.string, max(0, m.start() - 30), m.start())):  # fmt: skip
        return m.group(0)
    return f"{first} to {_spaced(f'{_MONTHS[end[0] - 1]} {ordinal(end[1])}')}"


def _day_month(m: re.Match[str]) -> str:
    """``5 Jan 2024`` -> "January fifth, twenty twenty-four"; a range of days, ``1st–3rd
    March`` -> "March first to third"."""
    month = _MONTHS.index(_MONTH_ABBR.get(m["mo"], m["mo"])) + 1
    days = [int(d) for d in (m["d"], m["to"]) if d]
    if not all(1 <= d <= 31 for d in days) or (len(days) == 2 and days[1] <= days[0]):
        return m.group(0)
    if m["y"] and not m["to"]:
        return _date(m["y"], str(month), m["d"]) or m.group(0)
    words = f"{_MONTHS[month - 1]} " + " to ".join(ordinal(d) for d in days)
    return _spaced(f"{words}, {_date_year(int(m['y']))}" if m["y"] else words)


def _month_day(m: re.Match[str]) -> str:
    """``Jan 5`` -> "January fifth", ``June 1-15`` -> "June first to fifteenth", ``Mar 5 -
    Apr 2`` -> "March fifth to April second"."""
    days = [int(d) for d in (m[2], m[3]) if d]
    if not all(1 <= d <= 31 for d in days):
        return m.group(0)
    to = " to " if m["to"] else ""
    return f"{_MONTH_ABBR.get(m[1], m[1])} " + " to ".join(ordinal(d) for d in days) + to


_AM_PM = r"(?P<ampm>[AaPp])\.?\s?[Mm]\.?(?!\w)"


def _clock(hour: int, minute: int) -> str:
    """Hours and minutes as a 24-hour clock is said: "fourteen thirty", "seventeen hundred"."""
    if minute == 0:
        return f"{cardinal(hour)} hundred"
    return f"{cardinal(hour)} {'oh ' if minute < 10 else ''}{cardinal(minute)}"


_TIME_WORD_BEFORE = re.compile(r"\b(?:at|by|from|until|till|to|before|after|around)\s$", re.I)


def _h_time(m: re.Match[str]) -> str:
    """``14h30`` -> "fourteen thirty" (a time: after "at", "from" ... or past 12 o'clock),
    ``1h30`` -> "one hour thirty minutes" (a duration)."""
    hour, minute = int(m["h"]), int(m["m"])
    if hour > 12 or _TIME_WORD_BEFORE.search(m.string, max(0, m.start() - 8), m.start()):
        return _spaced(_clock(hour, minute))
    return _spaced(f"{cardinal(hour)} hour{'' if hour == 1 else 's'} {cardinal(minute)} "
                   f"minute{'' if minute == 1 else 's'}")


_DURATION_BEFORE = re.compile(r"\b(?:takes?|took|taking|lasts?|lasted|lasting|for|about|around|over|"
                              r"under|up to|approx\.?|charge|charging)\s+$|~\s*$", re.I)  # fmt: skip


def _h_time_range(m: re.Match[str]) -> str:
    """A range of times as Europe writes them: ``9h-17h``, ``8h30–17h`` -> "nine to seventeen
    hundred", "eight thirty to ..." (were "nine hours, seventeen hours"; "nine hundred to" until
    round 31: the 24-hour clock's ``9:00–17:00`` says the morning hour bare). A range is
    of times where it ends past noon or has minutes, or another in the text does (``9h-12h
    and 14h-18h``), and no word of duration comes before it: "lasts 10h-14h" is a range of
    hours, "ten to fourteen hours" (was "ten hours, fourteen hours")."""
    start, end = int(m["h1"]), int(m["h2"])
    sep = " and " if m["sep"].strip() == "and" else " to "
    if (start >= end or _DURATION_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
            or not _has_clock_range(m.string)):
        if m["m1"] or m["m2"] or start >= end:
            return m[0]
        describes = _after_article(m) or _describes_the_noun_after(m)  # a 2h-3h hike
        return _spaced(f"{cardinal(start)}{sep}{cardinal(end)} hour{'' if describes else 's'}")
    # a morning hour without its zero is said bare, as ``9:00–17:00`` is: "nine to seventeen
    # hundred" (was "nine hundred to ...", round 31)
    first = cardinal(start) if 0 < start < 10 and len(m["h1"]) == 1 and not m["m1"] else (
        ("oh " if m["h1"].startswith("0") and start else "") + _clock(start, int(m["m1"] or 0)))
    return _spaced(first + sep + _clock(end, int(m["m2"] or 0)))


def _h_time_after_cue(m: re.Match[str]) -> str:
    """``at 17h`` -> "at seventeen hundred" (was "seventeen hours"): an hour past noon after
    "at", "from", "until" ... is a time of day; elsewhere (``a 14h flight``) a duration."""
    if _TIME_WORD_BEFORE.search(m.string, max(0, m.start() - 8), m.start()) is None:
        return m[0]
    return _spaced(_clock(int(m[1]), 0))


@functools.lru_cache(maxsize=8)
def _has_clock_range(text: str) -> bool:
    """Whether a range of ``_H_RANGE`` in ``text`` ends past noon or has minutes: searched
    once per text, not once per range."""
    return any(int(r["h2"]) > 12 or r["m1"] or r["m2"] for r in _H_RANGE.finditer(text))


_H_RANGE = re.compile(r"(?<![\w.:])(?P<h1>[01]?\d|2[0-3])h(?P<m1>[0-5]\d)?(?P<sep>\s?[-–]\s?|\s(?:to|and)\s)"
                      r"(?P<h2>[01]?\d|2[0-4])h(?P<m2>[0-5]\d)?(?!\w|[.,]\d)")


_HHMM = "(?:[01]\\d|2[0-3])[0-5]\\d"
"""Four digits that can be a 24-hour time: 0000 to 2359."""
_MILITARY_CUE_BEFORE = re.compile(r"\b(?:at|by|from|until|till|before|after|around)\s$", re.I)
_AT_BEFORE = re.compile(r"\bat\s$", re.I)
_MILITARY_CUE_AFTER = re.compile(
    r"\s+(?:sharp|local|today|tomorrow|tonight|Zulu|this (?:morning|afternoon|evening)|"
    rf"on (?:{'|'.join(_WEEKDAYS)})\b|(?:{_TIME_ZONES})\b)")  # fmt: skip
"""Words after "NNNN hours" that make it a time, not a count ("1600 hours of video")."""
_TIME_ENDS_AHEAD = re.compile(rf"\s*(?:$|[.,;!?)]|(?:on|tonight|today|tomorrow|{_TIME_ZONES})\b)")


def _hhmm(time: str) -> str:
    """``0800`` -> "oh eight hundred", ``0030`` -> "zero thirty", ``1430`` -> "fourteen thirty"."""
    hour, minute = int(time[:2]), int(time[2:])
    lead = "" if hour > 9 else "zero " if hour == 0 else "oh "
    return lead + _clock(hour, minute).removeprefix("zero ")


def _is_military_time(m: re.Match[str]) -> bool:
    """Whether four digits that could be a 24-hour time (``_military_time``) are one: with a
    leading zero (a year or an amount has none), or a word before or after that makes them a
    time; else they are a year or a count ("1600 hours of video")."""
    time, until, hours = m["t"], m["t2"], m["hrs"] is not None
    cue = _MILITARY_CUE_BEFORE.search(m.string, max(0, m.start() - 8), m.start()) is not None
    if until:  # 0900 to 1700, between 0800 and 1800 hours
        return "0" in (time[0], until[0]) or (hours and cue)
    if hours:  # 0800 hours, at 1600 hours, 1600 hours sharp
        return time[0] == "0" or cue or _MILITARY_CUE_AFTER.match(m.string, m.end()) is not None
    if time[0] == "0":  # at 0600, from 0630 until 0900
        return cue
    hour, minute = int(time[:2]), int(time[2:])  # at 2130, at 1045: not a year after "at"
    return ((hour > 20 or (hour == 10 and minute > 0))
            and _AT_BEFORE.search(m.string, max(0, m.start() - 3), m.start()) is not None
            and _TIME_ENDS_AHEAD.match(m.string, m.end()) is not None)


def _military_time(m: re.Match[str]) -> str:
    """``0800 hours`` -> "oh eight hundred hours", "at 1430 hours" -> "fourteen thirty hours",
    "at 0600" -> "oh six hundred", ``0900-1700`` (a range by now: "0900 to 1700") -> "oh nine
    hundred to seventeen hundred"; left as written where ``_is_military_time`` says no."""
    if not _is_military_time(m):
        return m.group(0)
    until = f" {m['sep']} {_hhmm(m['t2'])}" if m["t2"] else ""
    return _spaced(_hhmm(m["t"]) + until + (" hours" if m["hrs"] else ""))


_WIDESCREEN_RATIOS = frozenset("16:9 21:9 32:9 18:9 19.5:9 20:9 1.85:1 2.2:1 2.35:1 2.39:1 2.4:1 "
                               "2.76:1".split())  # fmt: skip
"""Aspect ratios that are nothing else (no clock reads 16:9): "by" wherever they stand."""
_SCREEN_RATIOS = frozenset("4:3 3:4 3:2 2:3 1:1 5:4 4:5 16:10 10:16 9:16 2:1 1.33:1 1.78:1".split())
"""Aspect ratios that may be a score, odds, a mix or a time (3:2, 1:1, 9:16): "by" only next
to a word that makes them a screen's or picture's shape (``_RATIO_CUE_AFTER``, "aspect")."""
_RATIO_CUE_BEFORE = re.compile(r"\baspect(?:\s+ratios?)?(?:\s+(?:of|is|was|at|to|from|in))?:?\s+$",
                               re.I)  # fmt: skip
_RATIO_CUE_AFTER = re.compile(r"\s?(?:aspect|widescreen|ultrawide|screens?|displays?|monitors?|"
                              r"TVs?|videos?|format|crop|photos?|images?|frames?|vertical|"
                              r"portrait|landscape|letterbox(?:ed)?|sensor|panels?|thumbnails?)\b",
                              re.I)  # fmt: skip

_PROPORTION_CUE_AFTER = re.compile(r"\s(?:[A-Za-z]+(?:-to-| to )[A-Za-z]+\s)?"
                                   r"(?:ratios?|dilutions?|mix(?:ture)?|split|odds)\b", re.I)
_PROPORTION_CUE_BEFORE = re.compile(r"\b(?:ratios?|dilut(?:ed?|ion)|mix(?:ed)?|odds|ICR|ISF|I:C)"
                                    r"(?:\s+(?:of|is|was|at|to|from))?:?\s+$", re.I)  # fmt: skip
"""Words that make ``1:10`` a proportion, "one to ten", and no time: a 1:10 ratio, diluted
1:20, odds of 5:2, a 1:10 bleach-to-water ratio (was "one ten"); an insulin-to-carb ratio or
a sensitivity factor, ``ICR is 1:10``."""


def _aspect_ratio(m: re.Match[str]) -> str:
    """``16:9`` -> "sixteen by nine", ``a 4:3 screen`` -> "a four by three screen"; other
    ratios are left to the rules for times and for "to" (``won 3:2``, ``odds of 3:1``)."""
    ratio = m.group(0)
    screen = ratio in _SCREEN_RATIOS and (
        _RATIO_CUE_AFTER.match(m.string, m.end()) is not None
        or _RATIO_CUE_BEFORE.search(m.string, max(0, m.start() - 24), m.start()) is not None)
    if ratio not in _WIDESCREEN_RATIOS and not screen:
        if (_PROPORTION_CUE_AFTER.match(m.string, m.end()) is None  # a 1:10 ratio: one to ten
                and _PROPORTION_CUE_BEFORE.search(m.string, max(0, m.start() - 24), m.start()) is None):
            return ratio  # "ratio" alone says nothing: a 2:1 ratio of water to rice
        return _spaced(f"{read_number(m['w'], False)} to {read_number(m['h'], False)}")
    return _spaced(f"{read_number(m['w'], False)} by {read_number(m['h'], False)}")


_DAY_CLOCK_AHEAD = re.compile(r" (?:to|and|until|till) (?:1[3-9]|2[0-3]):[0-5]\d(?!\d)")
_DAY_CLOCK_BEFORE = re.compile(r"(?<![\d:])(?:1[3-9]|2[0-3]):[0-5]\d (?:to|and|until|till) $")
"""The other end of a range of times on the 24-hour clock, past noon: ``9:00–21:00`` is read
on that clock at both ends ("nine to twenty-one hundred", not "nine o'clock to ...", and
``09:00–21:00`` "oh nine hundred to ...")."""


_RACE_TIME_AFTER = re.compile(r" (?:half[- ])?(?:marathons?|ultra|finish|finishing time|race|pace|"
                              r"century|ride|Ironman)\b")
"""After ``2:00``, what makes it a time taken, on the hour: "a 2:00 marathon pace" a two hour
marathon pace (was "two o'clock")."""


_LONG_EVENT = re.compile(r"\b(?:(?:half[- ])?marathons?|ultra\w*|ironman|triathlons?|century|hikes?|"
                         r"hiked|hiking|drive|drove|flights?|movies?|films?|meetings?|hours?|hrs?)\b",
                         re.I)  # fmt: skip
"""Before a time taken on the hour (``finished the marathon in 3:00``): hours; else minutes
(``ran a mile in 6:00``, ``rowed 2k in under 8:00``)."""


_SHORT_EVENT = re.compile(r"\b(?:miles?|mi|\d{1,2}(?:\.\d)?k|\d{3,4} ?m|km|laps?|rowed|rowing|"
                          r"erg|swim|sprint|interval\w*|splits?|reps?|pace|planks?)\b", re.I)
"""A distance or a drill that a time on the minute is taken over, in minutes: "a 4:00 mile"."""
_TIME_SPAN_BEFORE = re.compile(r"\b(?:day|week|month|year|hour|minute|second|date|time|night|"
                               r"daily|weekly|monthly|yearly|hourly|annual)s?$", re.I)
"""A span of time before ``/month``: a choice of spans or a date's parts (``day/month``), no
rate."""
_WEIGHT_BEFORE = re.compile(r"\b(?:weighs?|weighing|weighed|weight|mass|payload|tonnage|"
                            r"displacement|displaces)\b(?:[^.!?]|\.\d)*$", re.I)
"""A word of weight before ``60 t`` in its sentence: metric tonnes."""
_INSULIN_WORDS = re.compile(r"\b(?:insulin|bolus|basal|ICR|ISF|Lantus|Humalog|Novolog|glargine|"
                            r"lispro|aspart|carb ratio|correction factor)\b", re.I)
"""Words of insulin, where ``8 U`` is eight units."""
_CHANNEL_BEFORE = re.compile(r"\bchannels?\b", re.I)
"""A word of radio channels before ``1/6/11``: channels, not a date."""
_FLAT_AFTER = re.compile(r" (?:flat|even|exactly|or|and|for|to|on|in|at|with)\b")
"""Words after a time taken that describe no noun: "in 8:00 flat" stays minutes; before a
noun it is singular, "a sub-4:00 mile" a sub four minute mile (was "four o'clock")."""
_A_OR_SUB_BEFORE = re.compile(r"\b(?:an?|sub)\s+$")
_RACE_DISTANCE_AFTER = re.compile(r" \d{1,2}(?:\.\d)?[kK]\b")  # a sub-20:00 5k


def _time(m: re.Match[str]) -> str:
    groups = m.groupdict()
    if groups.get("hrs"):  # 17:00h
        return _spaced(f"{_clock(int(m['h']), int(m['m']))} hours")
    hour, minute, second, half = int(m["h"]), int(groups.get("m") or 0), groups.get("s"), m["ampm"]
    if (not minute and not second and half is None and 0 < hour < 10
            and _RACE_TIME_AFTER.match(m.string, m.end())):  # a 2:00 marathon: two hour
        return _spaced(f"{cardinal(hour)} hour")
    if (not minute and not second and half is None and not groups.get("hrs") and 0 < hour < 24
            and _ELAPSED_BEFORE.search(m.string, max(0, m.start() - 40), m.start())):
        # a time taken on the minute or the hour: rowed 2k in under 8:00 (was "eight o'clock")
        start = max(0, m.start() - 80)
        start = max(start, *(m.string.rfind(c, start, m.start()) for c in ".;!?"))
        near = _LONG_EVENT.search(m.string, start, m.start())  # in its sentence
        if near is None and not _SHORT_EVENT.search(m.string, start,
                                                    min(len(m.string), m.end() + 12)):
            # or a few lines before, where its sentence names no distance: a half-marathon
            # plan's "Goal: sub-2:00" (was "two minutes")
            near = _LONG_EVENT.search(m.string, max(0, m.start() - 300), m.start())
        unit = "hour" if near else "minute"
        described = _A_OR_SUB_BEFORE.search(m.string, max(0, m.start() - 5), m.start()) and (
            _NOUN_AFTER_UNIT.match(m.string, m.end()) is not None
            and _FLAT_AFTER.match(m.string, m.end()) is None
            or _RACE_DISTANCE_AFTER.match(m.string, m.end()) is not None)  # a 4:00 mile
        singular = hour == 1 or described
        return _spaced(f"{cardinal(hour)} {unit}{'' if singular else 's'}")
    words = cardinal(hour)
    if minute:
        words += f" {'oh ' if minute < 10 else ''}{cardinal(minute)}"
    elif half is None:
        day_clock = (_DAY_CLOCK_AHEAD.match(m.string, m.end()) is not None
                     or _DAY_CLOCK_BEFORE.search(m.string, max(0, m.start() - 12), m.start()))
        words += " o'clock" if 0 < hour <= 12 and not day_clock else " hundred"
        words = f"oh {words}" if day_clock and m["h"].startswith("0") and hour else words
        # a morning hour written without its zero is said bare: "7:00 and 21:00" seven and
        # twenty-one hundred (was "seven hundred", a number)
        words = cardinal(hour) if day_clock and 0 < hour < 10 and len(m["h"]) == 1 else words
    if second and int(second):
        words += f" and {cardinal(int(second))} seconds"
    if half is not None:
        words += f" {half.upper()} M" + _keeps_period(m)
    return _spaced(words)


_CURRENCIES = {"$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents"),
               "£": ("pound", "pounds", "penny", "pence"), "¥": ("yen", "yen", "", ""),
               "₹": ("rupee", "rupees", "paisa", "paise"), "₩": ("won", "won", "", ""),
               "₽": ("ruble", "rubles", "kopek", "kopeks"),
               "CN¥": ("yuan", "yuan", "", ""),
               **{f"{prefix}$": (f"{country} dollar", f"{country} dollars", "cent", "cents")
                  for prefix, country in (("C", "Canadian"), ("A", "Australian"),
                                          ("NZ", "New Zealand"), ("HK", "Hong Kong"),
                                          ("S", "Singapore"))},
               "MX$": ("Mexican peso", "Mexican pesos", "centavo", "centavos"),
               "R$": ("real", "reais", "centavo", "centavos"),
               "CHF": ("Swiss franc", "Swiss francs", "centime", "centimes"),
               "zł": ("zloty", "zlotys", "grosz", "groszy"), "Kč": ("koruna", "korunas", "", ""),
               "kr": ("krone", "kroner", "", ""),  # Danish or Norwegian (Swedish: SEK)
               "SEK": ("Swedish krona", "Swedish kronor", "", ""),
               "NOK": ("Norwegian krone", "Norwegian kroner", "", ""),
               "DKK": ("Danish krone", "Danish kroner", "", ""),
               "HUF": ("forint", "forints", "", "")}  # fmt: skip
_CODES = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩", "RUB": "₽",
          "CNY": "CN¥", "RMB": "CN¥", "CAD": "C$", "AUD": "A$", "NZD": "NZ$", "HKD": "HK$",
          "SGD": "S$", "MXN": "MX$", "BRL": "R$", "CHF": "CHF", "US$": "$", "CA$": "C$",
          "AU$": "A$", "SG$": "S$", "PLN": "zł", "zł": "zł", "CZK": "Kč", "Kč": "Kč", "kr": "kr",
          "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "HUF": "HUF"}  # fmt: skip
"""Codes, and signs written with letters (zł, Kč, kr), of the currencies: the key of each in
``_CURRENCIES``."""
_CURRENCY_PAIR_CODES = "|".join(code for code in _CODES if len(code) == 3 and code.isalpha()
                                 and code.isupper())
"""Codes that name a pair of currencies, ``EUR/USD``, ``USD/JPY`` (euro dollar, dollar yen)."""
_RATE_JUST_BEFORE = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d ?$)(\d+(?:[.,]\d+)*) ?$")
"""A pair's rate before it; not a year (``In 2024 EUR/USD fell``)."""


def _currency_pair(m: re.Match[str]) -> str:
    """``EUR/USD 1.0875``: "euro dollar", the pair as traders name it; after its rate,
    ``~1.35 CAD/USD``: "Canadian dollars per US dollar", as a unit per another (was "Canadian
    dollar dollar"). Beside another dollar, the US one says so (``USD/CAD``: US dollar)."""
    first, second = _CURRENCIES[_CODES[m[1]]][:2], _CURRENCIES[_CODES[m[2]]][:2]
    if first[0] == "dollar" and second[0].endswith("dollar"):
        first = ("US dollar", "US dollars")
    elif second[0] == "dollar" and first[0].endswith("dollar"):
        second = ("US dollar", "US dollars")
    rate = _RATE_JUST_BEFORE.search(m.string, max(0, m.start() - 24), m.start())
    if rate is None:
        return f"{first[0]} {second[0]}"
    return f"{first[0] if rate[1] == '1' else first[1]} per {second[0]}"


_DOLLAR_PREFIXES = "US|CA|C|AU|A|NZ|HK|SG|S|MX|R"
"""Letters before a ``$`` that name the country's currency: C$20, A$30, HK$100, R$50."""
_CODE_NAMES = "|".join(re.escape(code) for code in _CODES)  # CA$: a dollar sign, no line end
_MONEY_SCALES = {"k": "thousand", "K": "thousand", "m": "million", "M": "million",
                 "b": "billion", "B": "billion", "bn": "billion", "T": "trillion",
                 "tn": "trillion", "thousand": "thousand",
                 "million": "million", "billion": "billion", "trillion": "trillion",
                 "lakh": "lakh", "lakhs": "lakh", "crore": "crore", "crores": "crore",
                 "lakh crore": "lakh crore"}  # fmt: skip
"""Scales after an amount: ``$1.5M``, ``₹500 crore`` (five hundred crore rupees), ``$3.4T``
(not "$5 T-shirts")."""
_SCALE = rf"(?:\s?(?P<scale>{_alternation(_MONEY_SCALES)})(?!\w|(?<=T)-[A-Za-z]))?"


_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=\W))[Aa]n? $")


def _after_article(m: re.Match[str]) -> bool:
    """Whether "a " or "an " comes right before the match."""
    return _ARTICLE_BEFORE.search(m.string, max(0, m.start() - 4), m.start()) is not None


_BARE_NUMBER_BEFORE = re.compile(r"(?<![\w.,:/^'$€£¥₹₩₽-])(?<![A-Z]{3} )(?!0\d)(\d+(?:[.,]\d+)*) $")
"""A number, after no currency, a space before a currency's code: the code may be its."""


_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH})\.?,?\s+$")
_LABEL_BEFORE = re.compile(r"\b(?:room|rm|table|gate|seat|row|flight|platform|bus|floor|level|suite|"
                           r"unit|apt|apartment|step|item|page|chapter|day|week|line|box|lot|"
                           r"terminal|door|bed|court|track|aisle|section|booth|stand|hall|pier|"
                           r"dock|zone|block|building|no|number)\.?\s?#?$", re.I)  # fmt: skip
"""Words whose number names a thing, and is no amount: "Room 5 EUR 90" is ninety euros."""


def _code_is_the_number_befores(m: re.Match[str]) -> bool:
    """Whether a currency's code between two numbers belongs to the first: "841 SGD 373 CNY"
    is 841 Singapore dollars and 373 yuan. Not where the code is joined to the amount after
    it ("5 HK$6.5", "935 GBP974") or that amount is negative, nor after a year ("in 2023
    USD 100 bought ...") or a label's number ("Room 5 EUR 90")."""
    if m["neg"] or not m["cur"][0].isalpha() or not m.string[m.end("cur")].isspace():
        return False
    before = _BARE_NUMBER_BEFORE.search(m.string, max(0, m.start() - 24), m.start())
    if before is None:
        return False
    number, start = before[1], before.start()
    if _LABEL_BEFORE.search(m.string, max(0, start - 12), start) is not None:
        return False
    return not (len(number) == 4 and number.isdigit() and 1100 <= int(number) <= 2099
                and (_YEAR_BEFORE.search(m.string, max(0, start - 12), start) is not None
                     or _MONTH_BEFORE.search(m.string, max(0, start - 12), start) is not None))


_MONEY_WORDS = _alternation({word for names in _CURRENCIES.values() for word in names[:2]})
_RATE_BEFORE = re.compile(rf"(?:[$€£¥₹₩₽]\d[\d,.]*|\d[\d,.]*\s?(?:{_CODE_NAMES})|\b(?:{_MONEY_WORDS}))"
                          r"\s?[=≈]\s?$")  # fmt: skip
"""An amount of one currency and ``=`` just before another's: an exchange rate, ``1 USD =
0.92 EUR``, whose second amount is a rate, "zero point nine two euros" (not "ninety-two
cents"; ``1 GBP = 1.19 EUR`` was "one euro and nineteen cents")."""


def _is_rate(m: re.Match[str]) -> bool:
    return _RATE_BEFORE.search(m.string, max(0, m.start() - 30), m.start()) is not None


def _money_or_rate(symbol: str, m: re.Match[str]) -> str:
    """``_money``, but an exchange rate's second amount (``_RATE_BEFORE``) is a decimal."""
    if _is_rate(m) and "." in m["amt"] and not m["scale"] and _CURRENCIES[symbol][3]:
        one, many = _CURRENCIES[symbol][:2]
        amount = read_number(m["amt"], False)
        return _spaced(f"{'minus ' if m['neg'] else ''}{amount} {one if amount == 'one' else many}")
    article = (_after_article(m) or _article_before_range(m) or _describes_the_noun_after(m)
               or _article_and_adjective_before(m))
    return _money(symbol, m["amt"], m["scale"], bool(m["neg"]), article)  # the $500 fee: dollar


def _article_before_range(m: re.Match[str]) -> bool:
    """Whether an amount ends a range after "a" or "an": ``a $5-10 fee`` (by now "a 5 to $10
    fee") -> a five to ten dollar fee (was "dollars fee")."""
    if m.string[m.start() - 4 : m.start()] != " to ":
        return False
    first = _RANGE_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
    return first is not None and _after_article(first)


_ARTICLE_AND_ADJECTIVE_BEFORE = re.compile(r"(?:^|(?<=\W))[Aa]n? [\w-]+(?: [\w-]+)?, $")


def _article_and_adjective_before(m: re.Match[str]) -> bool:
    """Whether an amount describes the noun after it with another adjective between it and
    "a": ``a 10-year, $700M contract`` -> ... seven hundred million dollar contract (was
    "dollars contract")."""
    return (_ARTICLE_AND_ADJECTIVE_BEFORE.search(m.string, max(0, m.start() - 24), m.start()) is not None
            and _NOUN_AFTER_UNIT.match(m.string, m.end()) is not None
            and _VERB_AFTER.match(m.string, m.end()) is None)


def _money_after_sign(m: re.Match[str]) -> str:
    """``$5``, ``USD 100``, ``C$20``; but a code right after a bare number is that number's
    (``_code_is_the_number_befores``), and is read with it by the next rule."""
    if _code_is_the_number_befores(m):
        return m.group(0)
    currency = m["cur"]
    return _money_or_rate(_CODES.get(currency, currency), m)


def _money_or_more(m: re.Match[str]) -> str:
    """``$1k+`` -> "one thousand plus dollars", as ``20+ hrs`` is "twenty plus hours" (after "a"
    or "an" singular: "a $500+ budget" -> a five hundred plus dollar budget); not before what
    is added to it, ``$5+ tax``."""
    one, many = _CURRENCIES[m["cur"]][:2]
    scale = f" {_MONEY_SCALES[m['scale']]}" if m["scale"] else ""
    amount = read_number(m["amt"].replace(",", ""), False)
    return _spaced(f"{amount}{scale} plus {one if _after_article(m) else many}")


def _money(
    symbol: str, amount: str, scale: str | None, negative: bool, article: bool = False,
) -> str:
    """``$5.50`` -> "five dollars and fifty cents"; after "a" or "an" the amount describes
    the noun that follows and its currency is singular ("a $5 bill" -> a five dollar bill)."""
    one, many, sub_one, sub_many = _CURRENCIES[symbol]
    many = one if article else many
    sign = "minus " if negative else ""
    whole, _, cents = amount.replace(",", "").partition(".")
    if scale:
        return _spaced(f"{sign}{read_number(amount, False)} {_MONEY_SCALES[scale]} {many}")
    if cents.strip("0") and not sub_many:  # no coin to name: ¥3.50 is three point five yen
        amount = whole + "." + cents.rstrip("0")
        return _spaced(f"{sign}{read_number(amount, False)} {many}")
    if len(cents) > 2 or len(whole) > _MAX_CARDINAL_DIGITS:
        return _spaced(f"{sign}{read_number(amount, False)} {many}")
    main = int(whole or "0")
    sub = int(cents.ljust(2, "0")) if cents else 0
    if sub:
        many = _CURRENCIES[symbol][1]  # "a five dollars and fifty cents fee" is left as it is
    parts = [f"{cardinal(main)} {one if main == 1 else many}"] if main or not sub else []
    if sub:
        singular = sub == 1 or (article and not main)  # "a 50 cent charge", as "a 5 dollar bill"
        parts.append(f"{cardinal(sub)} {sub_one if singular else sub_many}")
    return _spaced(sign + " and ".join(parts))


_UNITS = {
    "km": ("kilometer", "kilometers"), "m": ("meter", "meters"),
    "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"), "mi": ("mile", "miles"), "ft": ("foot", "feet"),
    "yd": ("yard", "yards"), "kg": ("kilogram", "kilograms"), "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"), "L": ("liter", "liters"), "ml": ("milliliter", "milliliters"),
    "mL": ("milliliter", "milliliters"), "mph": ("mile per hour", "miles per hour"),
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "m/s": ("meter per second", "meters per second"),
    "km/s": ("kilometer per second", "kilometers per second"),
    "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"), "ms": ("millisecond", "milliseconds"),
    "sec": ("second", "seconds"), "secs": ("second", "seconds"), "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"), "hr": ("hour", "hours"), "hrs": ("hour", "hours"),
    "h": ("hour", "hours"), "Hz": ("hertz", "hertz"), "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"), "GHz": ("gigahertz", "gigahertz"),
    "KB": ("kilobyte", "kilobytes"), "kB": ("kilobyte", "kilobytes"),
    "MB": ("megabyte", "megabytes"), "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"), "KB/s": ("kilobyte per second", "kilobytes per second"),
    "MB/s": ("megabyte per second", "megabytes per second"),
    "GB/s": ("gigabyte per second", "gigabytes per second"),
    "TB/s": ("terabyte per second", "terabytes per second"),
    "KiB": ("kibibyte", "kibibytes"), "MiB": ("mebibyte", "mebibytes"),
    "GiB": ("gibibyte", "gibibytes"), "TiB": ("tebibyte", "tebibytes"),
    "tok/s": ("token per second", "tokens per second"),
    "req/s": ("request per second", "requests per second"), "kJ": ("kilojoule", "kilojoules"),
    "req/sec": ("request per second", "requests per second"),
    "tok/sec": ("token per second", "tokens per second"),
    "ops/s": ("operation per second", "operations per second"),
    "ops/sec": ("operation per second", "operations per second"),
    "mol": ("mole", "moles"), "bps": ("basis point", "basis points"),  # bits: kbps, Mbps
    "bp": ("basis point", "basis points"),  # a rate's change: 50bp; a DNA's base pairs are left
    "Mb/s": ("megabit per second", "megabits per second"),
    "Gb/s": ("gigabit per second", "gigabits per second"),
    # bits as Europe and the IEC write them: 100 Mbit/s, 10 Gbit/s (were "Mbit slash s")
    **{f"{prefix}bit{per}": (f"{word}bit{' per second' if per else ''}",
                             f"{word}bits{' per second' if per else ''}")
       for prefix, word in (("k", "kilo"), ("K", "kilo"), ("M", "mega"), ("G", "giga"), ("T", "tera"))
       for per in ("/s", "")},
    "W": ("watt", "watts"), "kW": ("kilowatt", "kilowatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"), "V": ("volt", "volts"),
    "spm": ("step per minute", "steps per minute"),  # a runner's cadence
    "AW": ("air watt", "air watts"),  # a vacuum's suction: 230 AW
    "VA": ("volt-amp", "volt-amps"), "kVA": ("kilovolt-amp", "kilovolt-amps"),  # a UPS's rating
    "mW": ("milliwatt", "milliwatts"), "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"), "TW": ("terawatt", "terawatts"),
    "Wh": ("watt hour", "watt hours"), "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"), "TWh": ("terawatt hour", "terawatt hours"),
    "mAh": ("milliamp hour", "milliamp hours"), "k": ("thousand", "thousand"),
    "x": ("times", "times"), "tsp": ("teaspoon", "teaspoons"),
    "tbsp": ("tablespoon", "tablespoons"), "mpg": ("mile per gallon", "miles per gallon"),
    "kbps": ("kilobit per second", "kilobits per second"),
    "Kbps": ("kilobit per second", "kilobits per second"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "fps": ("frame per second", "frames per second"), "rpm": ("R P M", "R P M"),
    "bpm": ("beat per minute", "beats per minute"),
    "mmHg": ("millimeter of mercury", "millimeters of mercury"),
    "kcal": ("kilocalorie", "kilocalories"), "pts": ("point", "points"),
    "hPa": ("hectopascal", "hectopascals"), "kPa": ("kilopascal", "kilopascals"),
    "psi": ("P S I", "P S I"), "mcg": ("microgram", "micrograms"),
    "ppm": ("part per million", "parts per million"),
    "ppb": ("part per billion", "parts per billion"), "dB": ("decibel", "decibels"),
    "nm": ("nanometer", "nanometers"), "ns": ("nanosecond", "nanoseconds"),
    "M": ("million", "million"), "bn": ("billion", "billion"),
    "µg": ("microgram", "micrograms"), "μg": ("microgram", "micrograms"),
    "µm": ("micrometer", "micrometers"), "μm": ("micrometer", "micrometers"),
    "µs": ("microsecond", "microseconds"), "μs": ("microsecond", "microseconds"),
    "yr": ("year", "years"), "yrs": ("year", "years"), "wk": ("week", "weeks"),
    "wks": ("week", "weeks"), "mo": ("month", "months"), "mos": ("month", "months"),
    "gal": ("gallon", "gallons"), "qt": ("quart", "quarts"), "hp": ("horsepower", "horsepower"),
    "lb-ft": ("pound-foot", "pound-feet"), "ha": ("hectare", "hectares"),
    "ft-lb": ("foot-pound", "foot-pounds"), "ft-lbs": ("foot-pound", "foot-pounds"),
    "atm": ("atmosphere", "atmospheres"),
    "kN": ("kilonewton", "kilonewtons"), "N/m": ("newton per meter", "newtons per meter"),
    "Nm": ("newton meter", "newton meters"), "N m": ("newton meter", "newton meters"),  # N·m
    "dL": ("deciliter", "deciliters"), "mmol": ("millimole", "millimoles"),
    "mM": ("millimolar", "millimolar"), "µM": ("micromolar", "micromolar"),
    "μM": ("micromolar", "micromolar"), "nM": ("nanomolar", "nanomolar"),
    "mEq": ("milliequivalent", "milliequivalents"),
    "fl oz": ("fluid ounce", "fluid ounces"), "fl. oz": ("fluid ounce", "fluid ounces"),
    "Ω": ("ohm", "ohms"), "kΩ": ("kilohm", "kilohms"), "MΩ": ("megohm", "megohms"),
    "ng": ("nanogram", "nanograms"), "pg": ("picogram", "picograms"),
    "µL": ("microliter", "microliters"), "μL": ("microliter", "microliters"),
    "IU": ("international unit", "international units"),
    "mIU": ("milli-international unit", "milli-international units"),
    "µIU": ("micro-international unit", "micro-international units"),
    "μIU": ("micro-international unit", "micro-international units"),
    # electronics: 20 mA, 10 µA, 100 µF, 22 nF, 4.7 µH, 7.2 mJ (were left as written)
    **{f"{prefix}{unit}": (f"{word}{one}", f"{word}{many}") for prefix, word in (
        ("m", "milli"), ("µ", "micro"), ("μ", "micro"), ("n", "nano"), ("p", "pico"))
       for unit, one, many in (("A", "amp", "amps"), ("F", "farad", "farads"),
                               ("H", "henry", "henries"), ("J", "joule", "joules"))
       if f"{prefix}{unit}" not in ("mF", "pA", "nA", "nH", "pH", "nJ", "pJ")},  # pH: acidity
    "mV": ("millivolt", "millivolts"), "kV": ("kilovolt", "kilovolts"),
    "inHg": ("inch of mercury", "inches of mercury"), "nmi": ("nautical mile", "nautical miles"),
    "cu ft": ("cubic foot", "cubic feet"), "cu. ft": ("cubic foot", "cubic feet"),
    "ly": ("light-year", "light-years"), "Mpc": ("megaparsec", "megaparsecs"),
    "kpc": ("kiloparsec", "kiloparsecs"),
    "yds": ("yard", "yards"),  # a box score's, after a number: 12 reb, 8 ast, 3 stl, 2 blk
    "reb": ("rebound", "rebounds"), "ast": ("assist", "assists"), "stl": ("steal", "steals"),
    "blk": ("block", "blocks"),
    "TD": ("touchdown", "touchdowns"), "TDs": ("touchdown", "touchdowns"),  # 3 TD, 1 INT
    "INT": ("interception", "interceptions"), "INTs": ("interception", "interceptions"),
    "Tbsp": ("tablespoon", "tablespoons"), "Tbs": ("tablespoon", "tablespoons"),
    "TBSP": ("tablespoon", "tablespoons"), "doz": ("dozen", "dozen"),
    **{f"sq{dot} {u}": (f"square {one}", f"square {many}") for dot in ("", ".")
       for u, one, many in (("ft", "foot", "feet"), ("m", "meter", "meters"),
                            ("km", "kilometer", "kilometers"), ("mi", "mile", "miles"),
                            ("in", "inch", "inches"), ("cm", "centimeter", "centimeters"),
                            ("mm", "millimeter", "millimeters"), ("yd", "yard", "yards"))},  # 100 sq ft, 1,500 sq. ft.
    **{f"cu{dot} {u}": (f"cubic {one}", f"cubic {many}") for dot in ("", ".")
       for u, one, many in (("m", "meter", "meters"), ("cm", "centimeter", "centimeters"),
                            ("mm", "millimeter", "millimeters"), ("km", "kilometer", "kilometers"),
                            ("in", "inch", "inches"), ("yd", "yard", "yards"),
                            ("mi", "mile", "miles"))},  # 10 m³ (cu ft is above)
}  # fmt: skip
_ELEMENTS = ("He Li Be Ne Na Mg Al Si Cl Ar Ca Cr Mn Fe Co Ni Cu Zn Br Rb Sr Ag Cd Sn Cs Ba Pt "
             "Au Hg Pb H B C N O F P S K I").split()  # two letters first: Cl, not C and l
_MOLAR_AHEAD = re.compile(rf"\s+(?=\S*[a-z\d])(?:(?:{'|'.join(_ELEMENTS)})\d*){{2,}}(?![\w(])"
                          r"|\s+(?:solutions?|stock|buffer)\b")
"""A chemical formula with a small letter or a digit (``NaCl``, ``H2SO4``; not ``NO``, ``CNN``,
which are also words) or a solution after ``0.5 M``: the M is molar, not million."""
_DIMENSION_UNITS = "km|cm|mm|m|ft|in|yd|feet|foot|inch|inches|meters|centimeters|yards"
_LENGTH_UNITS = frozenset(_DIMENSION_UNITS.split("|"))
"""Units of length: ``x`` between lengths is "by" (a room of 12 ft x 15 ft)."""
ONE_LETTER_UNITS = frozenset([*(u for u in _UNITS if len(u) == 1), "s"])  # s: 3.1 s
"""Units of one letter (``8,848 m.``): after a number, not an initial (the segmenter asks)."""
UNIT_ABBREVIATIONS = frozenset(u for u in _UNITS if u.isalpha())
"""Units written as letters (``lbs``, ``oz``, ``min``): after a number and before a lowercase
word, a period after one is the unit's, not a sentence's end ("2 lbs. of flour")."""
_FRACTION_UNITS = _alternation(u for u in _UNITS if u not in ("x", "k", "M", "bn", "bp"))
_WORD_UNITS = [u for u in _UNITS if u.isalpha() and len(u) > 1 and u not in ("bn", "bp")]
_SCALED_UNITS = _alternation(u for u in _UNITS if len(u) > 1 and u not in ("bn", "in", "pts", "doz", "bp")
                             and not u[0].isupper() and not u.startswith("sq"))
_SCALED_UNITS += "|sq km|sq mi|sq ft|sq m"  # 5M km² (folded to "sq km"), 5k sq ft
"""Units read after a number with k or M (``1.2k req/s``, ``5k rpm``): not a capital's
(``4K HDR``, ``5M TB``?), nor one that is also a word."""
"""Units written with letters alone, that a hyphen joins to a number: a 30-min call."""


_WORD_AHEAD = (r"[ \t]+(?!(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
               r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|minus|point)\b)[a-z]")
"""A lowercase word after a unit's period (``6 ft. tall``): the period is the unit's, not a
sentence's; not a number the rules before have read ("30 mph. 40% chance": forty percent
was read first, and the sentence's stop went with the unit)."""
_VARIABLE_X = re.compile(r"(?<![\w'])(?<!\d )x(?![\w'-])(?! ?\d)")
"""An ``x`` on its own, not between numbers (3 x 4) nor in "x-axis": the text's variable, so
"2x" there is two x ("the derivative of x^2 is 2x"), not "two times"."""


@functools.lru_cache(maxsize=4)
def _has_variable_x(text: str) -> bool:
    """Whether ``text`` has a variable x (``_VARIABLE_X``): searched once per text."""
    return _VARIABLE_X.search(text) is not None


_ALGEBRA_AHEAD = re.compile(r"\s?(?:[+=^<>*/²³]|squared\b|cubed\b|to the power\b|minus\b)|\s[-−]\s")


def _thousands(m: re.Match[str]) -> str:
    """``10K employees`` -> "ten thousand employees", unless the noun is no plural."""
    if _COUNTED_AFTER.match(m.string, m.end()) is None:
        return m.group(0)
    return _spaced(f"{read_number(m['num'], False)} thousand")


def _billions(m: re.Match[str]) -> str:
    """``70B parameters`` -> "seventy billion parameters", ``15T tokens`` -> "fifteen trillion
    tokens", ``~1.8B people`` -> "one point eight billion people" (T only before tokens and
    parameters; 2B pencils are pencils)."""
    noun = m["noun"]
    if noun in ("pencils", "leads") or (m["scale"] == "T" and noun not in _MODEL_COUNTS):
        return m.group(0)
    scale = "billion" if m["scale"] == "B" else "trillion"
    return _spaced(f"{read_number(m['num'], False)} {scale}")


_MODEL_COUNTS = ("tokens", "parameters", "params", "weights")


_RACE_AHEAD = re.compile(r" (?:(?:fun |trail |charity |road )?(?:run|race|walk|swim|erg)s?|runners?|PR|PB|"
                         r"personal (?:best|record)|finish|training plan)\b")
_RACE_BEFORE = re.compile(r"\b(?:ran|run|running|runs|raced|racing|walked|rowed|rowing|swam|finished|completed|did|"
                          r"train(?:ed|ing)? for|signed up for|registered for|sign up for) "
                          r"(?:a|the|my|your|his|her|their|our|this|that|another|first) $"
                          r"|\b(?:ran|raced|rowed|rowing|swam) $"  # rowed 2k: two K
                          r"|\b(?:minute|sub)\s+$", re.I)  # a sub-20:00 5k  # fmt: skip


def _race_distance(m: re.Match[str]) -> str:
    """``10k`` before "run", "race" ..., or after "ran a", is a race's distance in kilometers:
    "ten K" (``5K`` is read so already); elsewhere thousands ("10k followers", "$10k")."""
    before = m.string[max(0, m.start() - 24) : m.start()]
    if _RACE_AHEAD.match(m.string, m.end()) or _RACE_BEFORE.search(before):
        return _spaced(f"{read_number(m['num'], False)} K{m['s']}")
    return m[0]


_FORCE_WORDS = re.compile(r"\b(?:forces?|weigh(?:s|t|ts)?|tension|thrust|friction|drag|lift|loads?|"
                          r"newtons?|exert(?:s|ed)?|applied|pushe?s?|pull(?:s|ed)?|torque|"
                          r"acceleration|mass|kg|m/s²|m/s\^2|F_?\w{0,6} ?=)", re.I)
_RESULT_BEFORE = re.compile(r"(?:[=≈]|\bequals) ?$")
_KELVIN_WORDS = re.compile(
    r"\b(?:temperatures?|kelvin|absolute zero|freez\w*|boil\w*|melt\w*|celsius|fahrenheit|"
    r"thermal|thermodynamic\w*|heat(?:ed|ing|s)?|cool(?:ed|s|ing)?|cold(?:er|est)?|hott?\w*|"
    r"warm(?:er|est|s)?|cryogenic\w*|superconduct\w*|degrees?|T ?=)|°[CF]|℃", re.I)
_LIGHT_WORDS = re.compile(
    r"\b(?:bulbs?|lamps?|light(?:s|ing)?|LEDs?|daylight|white balance|white point|colou?r temp\w*|"
    r"CCT|fixtures?|luminaires?|downlights?|sconces?|monitors?|displays?|screens?|photograph\w*|"
    r"lighting)\b", re.I)
"""Words of light, where ``2700K`` is a colour temperature in kelvin (no 2,700 thousand)."""
_PRESSURE_WORDS = re.compile(
    r"\b(?:pressure|barometers?|barometric|hurricanes?|typhoons?|cyclones?|storms?|isobars?|"
    r"millibars?|hPa|inHg|weather|forecast|eye|landfall|Category \d)\b", re.I)
_KNOT_WORDS = re.compile(
    r"\b(?:winds?|gusts?|gusting|knots?|airspeed|ground ?speed|speed|sail\w*|boats?|ships?|"
    r"vessels?|aircraft|planes?|flights?|runways?|headings?|currents?|METAR|TAF|sustained|"
    r"crosswind|headwind|tailwind|mph|km/h|Mach)\b", re.I)
_KARAT_WORDS = re.compile(r"\b(?:gold|karats?|jewel\w*|rings?|necklaces?|bracelets?|chains?|"
                          r"earrings?|pendants?)\b", re.I)
_KARAT_AHEAD = re.compile(r"[ \t]+(?:[a-z]+[ \t]+)?(?:gold|jewel\w*|rings?|necklaces?|bracelets?|"
                          r"chains?|earrings?|pendants?)\b", re.I)
"""After ``kt``, what it is the purity of: "14 kt gold", "18kt white gold"."""
_AMP_WORDS = re.compile(
    r"\b(?:breakers?|circuits?|fuses?|amps?|amperes?|amperage|volts?|voltage|\d+ ?V|\d+ ?kW|watts?|"
    r"chargers?|charging|EVSE|wir(?:e|es|ing)|outlets?|receptacles?|sockets?|current|electric\w*|"
    r"panels?|sub-?panels?|plugs?|NEMA|gauge|AWG)\b", re.I)
_CONTEXT_UNITS = {"K": ("kelvin", "kelvin"), "mb": ("millibar", "millibars"), "A": ("amp", "amps"),
                  "kt": ("knot", "knots"), "kts": ("knot", "knots"), "karat": ("karat", "karat")}


def _unit_by_context(m: re.Match[str]) -> str:
    """A unit whose letters name two: ``273.15 K`` kelvin where its text speaks of heat, else
    thousands or a grade; ``938 mb`` millibars where it speaks of pressure or storms, else
    megabytes, as often written so; ``5 kt`` knots where it speaks of wind, boats or flight,
    ``14 kt gold`` karat; ``48 A`` amps where it speaks of breakers, circuits, chargers, volts
    (else a grade, a part: "Section 4 A"). Elsewhere each stays as written. The words are sought from 120
    characters before it to 60 after (a bounded look: linear time on a long text)."""
    unit, text = m["unit"].lstrip(), m.string
    around = (max(0, m.start() - 120), min(len(text), m.end() + 60))
    if unit.startswith("kt"):
        knots = _KNOT_WORDS.search(text, *around) is not None
        if _KARAT_AHEAD.match(text, m.end()) or (
                not knots and _KARAT_WORDS.search(text, *around)):  # "while 18 kt is 75%"
            unit = "karat"
        elif not knots:
            return m[0]
    elif unit == "A":
        if _AMP_WORDS.search(text, *around) is None:
            return m[0]
    elif unit == "K":
        if _KELVIN_WORDS.search(text, *around) is None and _LIGHT_WORDS.search(text, *around) is None:
            return m[0]
        return _spaced(f"{_kelvin_number(m['num'])} kelvin")
    elif _PRESSURE_WORDS.search(text, *around) is None:
        return m[0]
    one, many = _CONTEXT_UNITS[unit]
    singular = m["num"] == "1" or (unit == "A" and (_after_article(m) or _describes_the_noun_after(m)))
    return _spaced(f"{read_number(m['num'], False)} {one if singular else many}")


def _kelvin_number(number: str) -> str:
    """A temperature in kelvin as it is said: ``2700`` "twenty-seven hundred" (a colour
    temperature's hundreds, as a lighting shop says them), ``5000`` "five thousand"."""
    if number.isdigit() and 1100 <= int(number) < 10000 and int(number) % 100 == 0 and int(number) % 1000:
        return f"{cardinal(int(number) // 100)} hundred"
    return read_number(number, False)


def _colour_temperature(m: re.Match[str]) -> str:
    """``2700K bulbs`` -> "twenty-seven hundred kelvin bulbs" (was "two thousand seven hundred
    K"): four digits joined to a K are a colour temperature where the text speaks of light or
    heat (``_LIGHT_WORDS``, ``_KELVIN_WORDS``), 120 characters before it to 60 after."""
    around = (max(0, m.start() - 120), min(len(m.string), m.end() + 60))
    if _LIGHT_WORDS.search(m.string, *around) is None and _KELVIN_WORDS.search(m.string, *around) is None:
        return m[0]
    return _spaced(f"{_kelvin_number(m['num'])} kelvin")


_GUN_WORDS = re.compile(r"\b(?:rifles?|pistols?|guns?|handguns?|caliber|calibre|bullets?|ammo|"
                        r"ammunition|rounds?|cartridges?|firearms?|revolvers?|shotguns?)\b", re.I)
"""Words of guns, near ``22 cal``: a caliber, not calories."""


def _newtons(m: re.Match[str]) -> str:
    """A number's ``N`` is newtons where its sentence speaks of forces ("a tension of 12 N",
    "F = ma = 9.8 N") or an equation gives the number; else it stays (north, a grade)."""
    window = max(0, m.start() - 120)  # a bounded look back: linear time on a long text
    start = max(m.string.rfind(". ", window, m.start()), m.string.rfind("\n", window, m.start()), window)
    force = (_FORCE_WORDS.search(m.string, start, m.start()) is not None
             or _RESULT_BEFORE.search(m.string, max(0, m.start() - 8), m.start()) is not None)
    if not force:
        return m[0]
    return _spaced(f"{read_number(m['num'], False)} {'newton' if m['num'] == '1' else 'newtons'}")


def _unit(m: re.Match[str]) -> str:
    """Singular for exactly 1, and after "a" or "an", where number and unit describe the
    noun that follows ("a 4TB drive" -> a four terabyte drive)."""
    if m["unit"] == "M" and _MOLAR_AHEAD.match(m.string, m.end()):  # 0.5 M NaCl: molar
        return _spaced(f"{read_number(m['num'], False)} molar")
    one, many = _UNITS[m["unit"]]
    number = m["num"]
    if m["unit"] == "g" and _GRAVITY_BEFORE.search(m.string, max(0, m.start() - 80), m.start()):
        return _spaced(f"{read_number(number, False)} g")  # gravity (0.38 g; was "grams")
    if m["unit"] == "bps" and not (number.isdigit() and int(number) < 1000):
        return m.group(0)  # 9600 bps: bits per second, as a modem's; 25 bps: a rate's change
    if m["unit"] == "bp" and (float(number) >= 1000 or _has_base_pairs(m.string)):
        return m.group(0)  # a 500 bp fragment of DNA: base pairs, left as written
    if m["unit"] == "x" and (_ALGEBRA_AHEAD.match(m.string, m.end())
                             or _has_variable_x(m.string)):
        return _spaced(f"{read_number(number, False)} x")  # a variable: 2x + 3, 3x squared
    singular = (number in ("1", "-1") or _after_article(m) or _describes_the_noun_after(m)
                or (m["unit"] in _LENGTH_UNITS and _side_of_a_size(m))
                or _range_describes_the_noun_after(m) or _unit_before_plural_noun(m)
                or _unit_before_acronym(m) or _unit_before_device(m))
    return _spaced(f"{read_number(number, False)} {one if singular else many}")


_GRAVITY_BEFORE = re.compile(r"\b(?:gravity|g-forces?|G-forces?|gees|acceleration)\b"
                             r"(?:[^.!?]|\.\d)*$")
"""A word of gravity earlier in the sentence before ``0.38 g``: Earth's gravity, not grams."""
_BASE_PAIR_WORDS = re.compile(r"\b(?:DNA|RNA|cDNA|PCR|amplicons?|primers?|paired-end|fragments?|"
                              r"genomes?|genomic|sequenc\w*|plasmids?|inserts?|genes?|exons?|introns?|"
                              r"nucleotides?|alleles?|loci|locus|kb|kbp|Mb|bases?|ladder|gel|"
                              r"deletion|insertion|repeats?|motifs?|promoter|CRISPR)\b")  # fmt: skip
"""Words of genetics, in a text where ``bp`` is base pairs (a 500 bp fragment), not basis
points (``50bp`` -> fifty basis points)."""


@functools.lru_cache(maxsize=4)
def _has_base_pairs(text: str) -> bool:
    return _BASE_PAIR_WORDS.search(text) is not None


_RANGE_BEFORE = re.compile(r"(?<![\w.,])\d{1,4}(?:\.\d{1,2})? (?:to|or) $")
"""A range's first number before the unit's (``4-6h`` is "4 to 6h" when units are read), or
the first of two weights offered (``24/16 kg`` is "24 or 16 kg")."""


def _range_describes_the_noun_after(m: re.Match[str]) -> bool:
    """A range and its unit after "a" or "the" and before a noun describe it: ``a 2-3 min
    read`` -> a two to three minute read (was "minutes read"), ``a 4-6h hike``."""
    if (m.string[m.start() - 4 : m.start()] not in (" to ", " or ")
            or not _NOUN_AFTER_UNIT.match(m.string, m.end())):  # fmt: skip
        return False
    first = _RANGE_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
    if first is None or first[0].startswith("0 ") and (
            m["unit"] in ("mph", "kph") or m[0].endswith("/h")):
        return False  # its 0–60 mph time: an acceleration to a speed (was "mile per hour")
    start = first.start()
    return (_ARTICLE_BEFORE.search(m.string, max(0, start - 4), start) is not None
            or _THE_OR_COUNT_BEFORE.search(m.string, max(0, start - 10), start) is not None)


_THE_OR_COUNT_BEFORE = re.compile(r"(?:^|(?<=\W))(?:[Tt]he|(?i:one|two|three|four|five|six|seven|"
                                  r"eight|nine|ten|twelve|these|those|this|that|both|several|each|every)|"
                                  r"[Mm]y|[Yy]our|[Oo]ur|[Tt]heir|[Hh]is|[Hh]er|[Ii]ts)\s{1,3}$")  # fmt: skip
"""Words before a number and its unit that make them describe the noun after: the, a count
(``Two 500 ml bottles``), a demonstrative or a possessive (``your 2 TB drive``, ``This 20,000
mAh power bank``)."""
_NOUN_AFTER_UNIT = re.compile(r"[ \t](?!(?:of|and|or|to|in|on|at|by|for|from|with|per|than|is|"
                              r"are|was|were|that|which|you|we|they|it|each|more|less|ago|away|"
                              r"long|old|apart|later|earlier|before|after|once|until|unless|since|"
                              r"then|so|but|if|when|while|because|as|during)\b)"
                              r"(?:[a-z]|[A-Z](?=[\w-]))")  # fmt: skip


def _describes_the_noun_after(m: re.Match[str]) -> bool:
    """After "the" or a count, a number and its unit before a noun describe it, as after "a":
    the 10MB limit (ten megabyte), two 500 mg tablets, 2x 16GB sticks (two sixteen gigabyte);
    not "250 g flour" (grams of flour), where nothing comes before the number."""
    return (_THE_OR_COUNT_BEFORE.search(m.string, max(0, m.start() - 12), m.start()) is not None
            and _NOUN_AFTER_UNIT.match(m.string, m.end()) is not None
            and _VERB_AFTER.match(m.string, m.end()) is None)


_VERBS_IN_S = ("is|was|has|does|goes|means|makes|lasts|remains|seems|gets|costs|takes|works|"
               "needs|uses|holds|fits|equals|adds|comes|stays|helps|covers|gives|keeps|saves|sits|"
               "weighs|contains|requires|includes|allows|leaves|feels|looks|sounds|matters|becomes|"
               "buys|pays|says|shows|runs|reads|starts|ends|stops|drops|rises|falls|grows|beats|"
               "should|will|would|can|could|may|might|must")  # fmt: skip
_VERB_AFTER = re.compile(rf"[ \t](?:{_VERBS_IN_S})\b")
"""A verb after a number and its unit: they are its subject, no noun's size ("the 8 GB
remains free": gigabytes)."""
_PLURAL_NOUN_AFTER = re.compile(
    rf"[ \t](?!(?:{_VERBS_IN_S}|tops|plus|minus|"
    r"less|across|thus|yes|us|its|his|always|sometimes|afterwards|towards|sideways|whereas|"
    r"unless|besides|perhaps|overs|downwards|upwards|outwards|onwards|alongside|this|as)\b)"
    r"[a-z][a-z-]*[a-z](?<!ss)(?<!us)(?<!is)s\b"
    r"(?![ \t]+(?:the|an?|your|my|our|their|its|his|her|it|them|this|that|these|those|up|out|"
    r"down|over|into|about|around|through|well|far|fine|much|more|less|better|\d)\b)")  # fmt: skip
"""A plural noun right after a number and its unit: ``8 GB containers`` (a noun's, not a verb's
"s": "8 GB remains", "5 km takes", nor one before its object, "22 ft reaches the gutter")."""
_MEASURED_AMOUNT_UNITS = frozenset("g kg mg mcg µg μg lb lbs oz L ml mL dL tsp tbsp Tbsp Tbs TBSP "
                                   "gal qt doz".split() + ["fl oz", "fl. oz"])  # fmt: skip
_PACKED_IN = re.compile(r"[ \t](?:tablets|capsules|caps|pills|softgels|gummies|doses|injections|"
                        r"vials|syringes|sachets|bags|bottles|cans|jars|jugs|packs|packets|pouches|"
                        r"cartons|tubs|tins|sacks|blocks|bars|tubes|pods|kegs|containers|boxes|"
                        r"weights|dumbbells|kettlebells|plates|balls)\b")  # fmt: skip
"""What an amount of a mass or a volume before a plural noun is the size of: ``2 kg dumbbells``,
``500 ml bottles``; else it is an amount of the noun, "500 g potatoes" (grams of potatoes)."""
_NOT_ADJECTIVE_UNITS = frozenset("x k M bn bp bps pts reb ast stl blk TD TDs INT INTs ° °C °F".split())


def _unit_before_plural_noun(m: re.Match[str]) -> bool:
    """A number and its unit before a plural noun, with no word before that says so, describe
    it: ``Use 8 GB containers`` -> eight gigabyte containers, ``10 mm bolts``, ``60 W bulbs``,
    ``2 kg dumbbells``; an amount of a mass or a volume only before what holds it (``500 g
    potatoes`` stays grams)."""
    unit = m["unit"]
    if unit in _NOT_ADJECTIVE_UNITS:
        return False
    if unit in _MEASURED_AMOUNT_UNITS:
        return _PACKED_IN.match(m.string, m.end()) is not None
    return _PLURAL_NOUN_AFTER.match(m.string, m.end()) is not None


_DEVICE_AFTER = re.compile(r"[ \t](?:battery|batteries|pack|charger|motor|engine|drive|bulb|"
                           r"panel|heater|inverter|generator|lens|sensor|display|screen|monitor|"
                           r"fridge|tank|cable|adapter|laptop|phone|camera|speaker|amplifier|"
                           r"subwoofer|fan|pump|stick|card|router|switch|circuit|breaker|fuse|"
                           r"solar|station)\b")  # fmt: skip


def _unit_before_device(m: re.Match[str]) -> bool:
    """A number and its unit before a device's singular noun describe it, as before a plural
    one: ``an 82 kWh battery``, ``82 kWh battery pack`` -> eighty-two kilowatt hour battery
    (was "hours"); not an amount of a mass or a volume (``10 lb bag`` is the packing's)."""
    unit = m["unit"]
    return (unit not in _NOT_ADJECTIVE_UNITS and unit not in _MEASURED_AMOUNT_UNITS
            and _DEVICE_AFTER.match(m.string, m.end()) is not None)


_ACRONYM_AFTER = re.compile(rf"[ \t](?!(?:{_TIME_ZONES}|AM|PM|OK|ASAP|TBD|TBA|FYI|AND|OR|TO|IN|ON|AT|"
                            r"OF|FOR|THE|IS|IT|IF|SO|BY|VS|PS|EOD|EOW|V?RAM)\b)"
                            r"(?:[A-Z]{2,}|[A-Z][a-z]{1,3}[A-Z])[\w-]*(?![\w'.]\w)")  # fmt: skip
"""A word of capitals after a number and its unit, a noun that they describe: ``16GB LPDDR5``,
``65W PD charging``, ``2 TB NVMe drives``; not RAM or VRAM, an amount of it as of memory
(``16GB RAM``: sixteen gigabytes, as ``16GB memory``; was "gigabyte")."""


def _unit_before_acronym(m: re.Match[str]) -> bool:
    """A number and its unit before a word of capitals describe it, as before a plural noun:
    ``16GB LPDDR5`` -> sixteen gigabyte LPDDR five, ``65W PD`` -> sixty-five watt PD (were
    plural); not an amount of a mass or a volume (``500 g MSG``), nor a rate (``60 mph GPS``)."""
    unit = m["unit"]
    return (unit not in _NOT_ADJECTIVE_UNITS and unit not in _MEASURED_AMOUNT_UNITS
            and " per " not in _UNITS[unit][1] and _ACRONYM_AFTER.match(m.string, m.end()) is not None)


_SCORE_BEFORE = re.compile(r"\b(?:scored?|scores|scoring|rated?|rates|rating|grade[ds]?"
                           r"|(?:gave|give|gives) it)"
                           r"(?:\s+(?:of|at|an?|it))?:?\s+\(?$", re.I)  # Rating: (4/5)  # fmt: skip
_SCORE_AFTER = re.compile(r"\s+(?:stars?|points?)\b", re.I)


def _said_as_score(m: re.Match[str]) -> bool:
    """``7/10`` (group ``d`` the 10) after "scored", "rated", "a rating of" ... or before
    "stars", "points"."""
    before = m.string[max(0, m.start() - 30) : m.start()]
    return (int(m["d"]) in (5, 10, 20, 50, 100)
            and (_SCORE_BEFORE.search(before) is not None
                 or _SCORE_AFTER.match(m.string, m.end()) is not None))  # fmt: skip


def _is_score(m: re.Match[str]) -> bool:
    return not m["w"] and _said_as_score(m)


_ARITHMETIC_BEFORE = re.compile(
    r"(?:[=≈≠<>≤≥±+×÷*π]|\b(?:pi|approximately|roughly|equals?|equal to|times|plus|minus|"
    r"(?:multiply|multiplied|divide|divided)(?: (?!by\b)[\w'-]+){0,3} by)"
    r"(?:\s+(?:is|was|equals))?(?:\s+(?:about|approximately|roughly|around|nearly))?)\s*$",
    re.I)  # fmt: skip
_ARITHMETIC_AFTER = re.compile(
    r"\s*(?:[=≈≠<>≤≥±+×÷*]|(?:equals|is (?:about|approximately|roughly))\b)")
"""Signs and words around an improper fraction that make it arithmetic ("pi is about 22/7",
``22/7 ≈ 3.14``): "twenty-two over seven". Alone, ``22/7`` may be a date written day first,
and is read "slash"."""


def _spaced_score(m: re.Match[str]) -> str:
    """``10 / 10`` after "give it", ``3 / 5 stars``, ``24 / 7``: closed up, so the fraction
    rule reads it as a score ("ten out of ten") or as said; any other spaced slash between
    numbers stays for the rule that reads it "divided by"."""
    num, den = int(m["n"]), int(m["d"])
    score = num <= den and _said_as_score(m)
    return f"{m['n']}/{m['d']}" if score or (num, den) == (24, 7) else m[0]


def _is_arithmetic(m: re.Match[str]) -> bool:
    return (_ARITHMETIC_BEFORE.search(m.string, max(0, m.start() - 40), m.start()) is not None
            or _ARITHMETIC_AFTER.match(m.string, m.end()) is not None)  # fmt: skip


_CHANCE_WORDS = re.compile(r"\b(?:probability|probabilities|chances?|odds|likelihood|risk|likely)\b", re.I)
_CHANCE_AFTER = re.compile(r" (?:chance|odds|probability|risk)\b")


def _is_chance(m: re.Match[str]) -> bool:
    """Whether ``1/36`` is a chance, "one in thirty-six" (was "one slash thirty-six"): a word
    of chance in its sentence before it (60 characters), or "chance" after it."""
    before = m.string[max(0, m.start() - 60) : m.start()]
    before = before[max(before.rfind(". "), before.rfind("\n")) + 1 :]
    return _CHANCE_WORDS.search(before) is not None or _CHANCE_AFTER.match(m.string, m.end()) is not None


def _fraction(m: re.Match[str]) -> str:
    num, den = int(m["n"]), int(m["d"])
    whole = f"{cardinal(int(m['w']))} " if m["w"] else ""
    if not whole and len(m["n"]) == len(m["d"]) == 2 and m["n"].startswith("0"):
        date = _month_and_day(m["n"], m["d"])  # 03/14: no fraction is written with a zero
        if date:
            return date
    if (not whole and num < den
            and _VERSIONED_BEFORE.search(m.string, max(0, m.start() - 24), m.start())):
        return _spaced(f"{cardinal(num)} or {cardinal(den)}")  # Windows 10/11: two versions
    if _is_score(m):
        return _spaced(f"{cardinal(num)} out of {cardinal(den)}")
    if not whole and num == 1 and den > 16 and _is_chance(m):  # 1/36: one in thirty-six
        return _spaced(f"one in {cardinal(den)}")
    if not (0 < num < den and (den <= 16 or den in (32, 64))):  # 2/32": two thirty-seconds
        split = num + den == 100 and num % 10 == 0  # the 80/20 rule, a 60/40 split
        joiner = " " if split or f"{num}/{den}" in ("24/7", "20/20") else " slash "
        if joiner != " " and num <= den in (5, 10, 20, 50, 100) and not whole:
            joiner = " out of "  # a score: 98/100, 10/10
        elif joiner != " " and den > 0 and not whole and _is_arithmetic(m):
            joiner = " over "  # pi is about 22/7; = 625/1296 (was "slash")
        return _spaced(f"{whole}{cardinal(num)}{joiner}{cardinal(den)}")
    if den == 2:
        name = "half" if num == 1 else "halves"
    elif den == 4:
        name = "quarter" if num == 1 else "quarters"
    else:
        name = ordinal(den) + ("s" if num > 1 else "")
    return _spaced(f"{whole}{'and ' if whole else ''}{cardinal(num)} {name}")


_TIME_AFTER = re.compile(r"[ -]time\b(?!s)")


def _time_signature(m: re.Match[str]) -> str:
    """``6/8 time`` -> "six eight time", ``a time signature of 4/4`` -> "... four four";
    other fractions are left to the rules after this one."""
    if not m["pre"] and _TIME_AFTER.match(m.string, m.end()) is None:
        return m.group(0)
    return f"{m['pre'] or ''}{cardinal(int(m['n']))} {cardinal(int(m['d']))}"


def _fraction_unit(m: re.Match[str]) -> str:
    """``1/2 tsp`` -> "one half teaspoon", ``2 1/2 kg`` -> "two and one half kilograms"."""
    one, many = _UNITS[m["unit"]]
    words = _fraction(m).strip()
    proper = (0 < int(m["n"]) < int(m["d"]) <= 16 and not m["w"]
              and not words.endswith(m["d"] and cardinal(int(m["d"]))))  # not "slash", "out of"
    return _spaced(f"{words} {one if proper else many}")


def _sizes_to_choose(small: int, large: int, same_unit: bool) -> bool:
    """Two sizes of memory or storage offered as options: powers of two, up to four times
    apart in one unit (``8/16GB``, ``256GB/1TB``); not ``475/500 GB`` or ``12GB/16GB``, used of
    all, nor ``1/2 GB``, a half."""
    powers_of_two = small > 0 and not small & (small - 1) and not large & (large - 1)
    return powers_of_two and (not same_unit or 2 <= small < large <= 4 * small)


def _sizes_or(m: re.Match[str]) -> str:
    """``8/16GB`` -> "8 or 16GB" (``_sizes_to_choose``); ``475/500 GB`` -> "475 of 500 GB",
    used of all (was "four hundred seventy-five slash five hundred"; ``12/16 GB`` "twelve
    sixteenths"); ``1/2 GB`` and ``3/4 TB`` stay fractions."""
    small, large = int(m[1]), int(m[2])
    if _sizes_to_choose(small, large, True):
        return f"{m[1]} or {m[2]}"
    if small <= large and large > 8 and _one_pair(m.string, m.start(), m.end()):
        return f"{m[1]} of {m[2]}"
    return m.group(0)


_STORAGE_SCALE = {"KB": 0, "MB": 1, "GB": 2, "GiB": 2, "TB": 3, "TiB": 3}


def _sized_or(m: re.Match[str]) -> str:
    """``128GB/256GB/512GB`` -> "128GB or 256GB or 512GB" (``_sizes_to_choose``; the next size
    is looked at, not taken, so that it can be the first of the next pair); ``12GB / 16GB``
    -> "12GB of 16GB", used of all (the slash was dropped), as ``475/500 GB`` is."""
    if "." not in m[1] and _sizes_to_choose(int(m[1]), int(m[3]), m[2].strip() == m[4]):
        return f"{m[1]}{m[2]} or "
    used = float(m[1]) * 1000 ** _STORAGE_SCALE[m[2].strip()]
    if used <= int(m[3]) * 1000 ** _STORAGE_SCALE[m[4]] and _one_pair(m.string, m.start(),
                                                                      m.end(4)):  # fmt: skip
        return f"{m[1]}{m[2]} of "
    return m.group(0)


def _one_pair(text: str, start: int, end: int) -> bool:
    """No slash joins another size to the pair ``text[start:end]`` (``4GB/8GB/12GB`` are
    options, not used of all)."""
    return not text[max(0, start - 2) : start].strip().endswith("/") and not text[
        end : end + 2].strip().startswith("/")  # fmt: skip


def _scientific(m: re.Match[str]) -> str:
    """``1e-5`` -> "one times ten to the power of minus five"; a unit after it is plural."""
    sign = "minus " if m[2] and m[2] in "-\u2212" else ""
    unit = f" {_UNITS[m['unit']][1]}" if m["unit"] else ""
    return _spaced(f"{read_number(m[1], False)} times ten to the power of {sign}"
                   f"{cardinal(int(m[3]))}{unit}")


_COUNTED_AFTER = re.compile(r"\s+(?!(?:was|has|does|is|as|his|its|this|thus|plus|less|unless|"
                            r"always|perhaps|across|yes)\b)[a-z]{2,}s\b")
_YEAR_BEFORE = re.compile(r"\b(?:in|since|by|from|until|till|to|before|after|during|circa|of|"
                          r"year|fiscal|FY|Q[1-4]|H[12]|spring|summer|autumn|fall|winter)\s+$",
                          re.I)  # fmt: skip


def _is_count(m: re.Match[str]) -> bool:
    """A four-digit number followed by a plural noun counts things ("2024 units", "1234
    reviews"), unless a word before it makes it a year ("in 2024 sales rose")."""
    text = m.string
    if (_POSSESSIVE_BEFORE.search(text, max(0, m.start() - 8), m.start())
            and m[0].isdigit() and 1950 <= int(m[0]) <= 2099 and int(m[0]) % 100):
        return False  # "your 2024 taxes", "their 2019 results" (not "our 2000 customers")
    return (_COUNTED_AFTER.match(text, m.end()) is not None
            and _YEAR_BEFORE.search(text, max(0, m.start() - 12), m.start()) is None)


_POSSESSIVE_BEFORE = re.compile(r"\b(?:your|my|our|their|his|her|its)\s+$", re.I)


_ERA_AFTER = re.compile(r"\s?(?:AD|A\.D\.|CE|C\.E\.|BCE?|B\.C\.(?:E\.)?)(?!\w)")
_ERA_BEFORE = re.compile(r"\b(?:AD|A\.D\.)\s$")
_EARLY_YEAR_BEFORE = re.compile(r"\b(?:in|since|until|till|before|after|during|circa|c\.|ca\.|year)"
                                r"\s+$", re.I)  # fmt: skip
_MONTH_DAY_BEFORE = re.compile(rf"\b(?:{'|'.join(_MONTHS)}) (?:[a-z]+(?:-[a-z]+)?|\d{{1,2}}),\s+$")
"""A month and its day before a year: ``October 14, 1066`` (ten sixty-six, as a date's year;
was "one thousand sixty-six")."""


def _early_year(m: re.Match[str]) -> bool:
    """A year before 1100, said in pairs as later ones are (but 1000 to 1009): ``in 1066`` -> in ten sixty-six,
    ``476 AD``, ``AD 79`` (were "one thousand sixty-six", "four hundred seventy-six"). Four
    digits after "in", "since", "the year" ... (not before a plural noun: "in 1024 steps"),
    three or four next to an era's letters."""
    text = m.group(0)
    if not (text.isdigit() and 3 <= len(text) <= 4 and text[0] != "0"):
        return False
    if _ERA_AFTER.match(m.string, m.end()) or _ERA_BEFORE.search(m.string, max(0, m.start() - 5),
                                                                   m.start()):
        return True
    return (len(text) == 4 and int(text) < 1100 and _COUNTED_AFTER.match(m.string, m.end()) is None
            and (_EARLY_YEAR_BEFORE.search(m.string, max(0, m.start() - 8), m.start()) is not None
                 or _MONTH_DAY_BEFORE.search(m.string, max(0, m.start() - 30),
                                             m.start()) is not None))  # fmt: skip


def _number(m: re.Match[str]) -> str:
    text = m.group(0)
    if text.startswith("-") and m.start() > 0 and m.string[m.start() - 1].isalnum():
        return " " + _spaced(read_number(text[1:]))  # a hyphen, not a minus sign
    if _early_year(m):
        n = int(text)
        return _spaced(cardinal(n) if n % 1000 < 10 else _in_pairs(n))  # 1000, 1005, 2000 BC
    return _spaced(read_number(text, as_year=not (len(text) == 4 and _is_count(m))))


_BETWEEN_BEFORE = re.compile(r"\b[Bb]etween [$€£¥₹]?\d[\d.,]*(?:%|[kKMB]|bn)?$")


_BETWEEN_TIME_BEFORE = re.compile(r"\b[Bb]etween \d{1,2}(?::\d\d)?\s?[AaPp]\.?\s?[Mm]\.?$")


def _hours_range(m: re.Match[str]) -> str:
    """``9am-5pm`` -> "nine A M to five P M"; "between 9am-12pm" -> "... and ..."."""
    between = _BETWEEN_TIME_BEFORE.search(m.string, max(0, m.start() - 20), m.start())
    return " and " if between else " to "


def _range(m: re.Match[str]) -> str:
    """``5-10`` -> "five to ten"; "between 9-10" -> "between nine and ten"."""
    between = _BETWEEN_BEFORE.search(m.string, max(0, m.start() - 30), m.start())
    return " and " if between else " to "


def _percent_range(m: re.Match[str]) -> str:
    """``5%-10%`` -> "5 to 10%" ("between 5%-10%": "5 and 10%"): the second keeps the sign."""
    between = _BETWEEN_BEFORE.search(m.string, max(0, m.start() - 30), m.start() + len(m["a"]))
    return f"{m['a']} {'and' if between else 'to'} "


_SEASON_WORDS = re.compile(r"\b(?:season|record|standings|games? (?:back|behind)|playoffs?|postseason|"
                           r"conference|division|league|wins|losses|streak|seed(?:ed)?|NBA|NFL|MLB|NHL|"
                           r"WNBA|MLS|NCAA|hosts?|hosted|favou?rites?|underdogs?|matchup|kickoff|"
                           r"spread|O/U)\b")  # fmt: skip
_TEAM_BEFORE = re.compile(r"\b[A-Z][a-z]+s \($")
"""Words of a league's season, that make ``38-29`` after "are" a team's wins and losses."""
_TEAM_SUBJECT = re.compile(r"(?:\b[Tt]he\s+|[a-z,;:]\s+)(?:[A-Z][\w.'-]*\s+){1,3}$"
                           r"|\b(?:[Tt]hey|[Ww]e)\s+$")
"""What says who "are" or "were" ``38-29``: a name after "the" or inside a sentence ("the
Lakers", "and Boston"), "they", "we"; not a sentence's first word ("Shifts are 9-5")."""


def _record(m: re.Match[str]) -> str:
    """``are 38-29`` -> "thirty-eight and twenty-nine", a record, where the text speaks of a
    season or a game within 200 characters; a 10-6 record, and after a team's name, ``The
    Ravens (10-4) host ...``, likewise; else left to the range rule."""
    a, b = m["a"] or m["c"] or m["e"], m["b"] or m["d"] or m["f"]
    if _SEASON_WORDS.search(m.string, max(0, m.start() - 200), m.end() + 200) is None or (
            m["e"] and _TEAM_BEFORE.search(m.string, max(0, m.start() - 30), m.start()) is None):
        return m[0]
    if m["cue"] in ("are ", "were ") and _TEAM_SUBJECT.search(
            m.string, max(0, m.start() - 60), m.start()) is None:  # fmt: skip
        return m[0]
    return (m["cue"] or "") + _spaced(f"{cardinal(int(a))} and {cardinal(int(b))}")


_RACE_GAP_AFTER = re.compile(r" (?:ahead|behind|back|down|clear|slower|faster|gap|adrift)\b")
_HOURS_BEFORE = re.compile(r"\dh ?$")


def _race_gap(m: re.Match[str]) -> str:
    """``12' 33"`` -> "twelve minutes and thirty-three seconds" where no height could be
    (more than 11 inches), or, written with a zero (``1'08"``), after hours (``4h 12' 08"``) or
    before a gap's word ("ahead", "behind" ...); ``5'11"`` stays feet and inches."""
    seconds = int(m["s"])
    if seconds < 12 and not (m["s"].startswith("0") and (
            _RACE_GAP_AFTER.match(m.string, m.end())
            or _HOURS_BEFORE.search(m.string, max(0, m.start() - 3), m.start()))):
        return m[0]
    minutes = int(m["m"])
    words = f"{cardinal(minutes)} minute{'' if minutes == 1 else 's'}" if minutes else ""
    if seconds:
        words += f"{' and ' if words else ''}{cardinal(seconds)} second{'' if seconds == 1 else 's'}"
    return _spaced(words)


def _amount(number: str) -> float:
    return float(number.replace(",", ""))


def _spaced_difference(m: re.Match[str]) -> str:
    """``5 kg - 2 kg``: "minus" where the second amount is less (a range rises), else "to",
    the unit said once (``10 kg - 15 kg``: ten to fifteen kilograms);
    the same amounts, ``5 kg - 5 kg``, stay a pause."""
    first, second = _amount(m["a"]), _amount(m["b"])
    if first == second:
        return m[0]
    return m[0][:-3] + " minus " if second < first else f"{m['a']} to "  # 10 to 15 kg


_DECADE_BEFORE = re.compile(r"(?:\b(?:the|his|her|their|your|my|our|its|early|mid|late|low|"
                            r"high|upper|ages?|aged)[\s-]+|\d0s\s?(?:[-–]|to)\s?)$",
                            re.I)  # fmt: skip
_DECADE_AFTER = re.compile(r"\s?(?:[-–]|to)\s?\d0s\b")  # 20s-30s: a range of ages


def _decade(m: re.Match[str]) -> str:
    """``1990s`` -> "nineteen nineties", ``'80s`` -> "eighties", ``100s`` -> "hundreds";
    but two digits after nothing that makes them an age or an era are seconds: "a 30s
    timeout" (thirty seconds), "in his 30s" (thirties); so are three, but hundreds ("100s of
    files"): "the 110s" (one hundred tens; was "hundred tens"), "set it to 120s" seconds."""
    number = m.group(1)
    written_as_era = m.group(0).startswith("'") or len(number) > 3 or number.endswith("00")
    before = max(0, m.start() - 30)  # a bounded look back: from 0, "30s 30s ..." took quadratic time
    if (not written_as_era and not _DECADE_BEFORE.search(m.string, before, m.start())
            and not _DECADE_AFTER.match(m.string, m.end())):  # fmt: skip
        unit = "second" if _after_article(m) else "seconds"  # a 30s timeout
        return _spaced(f"{cardinal(int(number))} {unit}")
    words = read_number(number)
    return _spaced(_plural(words.removeprefix("one ") if number.endswith("00") else words))


def _phone(m: re.Match[str]) -> str:
    """``(555) 123-4567 x89`` -> "five five five, one two three, four five six seven,
    extension eight nine"; a bare ``18005550199`` only after "call", "phone", "number" ..."""
    groups = m.groupdict()
    if "bare" in groups and _PHONE_CUE_BEFORE.search(
            m.string, max(0, m.start() - 30), m.start()) is None:  # fmt: skip
        return m.group(0)
    code = m["cc"] or ""
    lead = ("plus " if code.startswith("+") else "") + ("one, " if code else "")
    words = lead + ", ".join(digits(g) for g in (m["area"], m["exchange"], m["line"]))
    return _spaced(words + (f", extension {digits(m['ext'])}" if groups.get("ext") else ""))


_PHONE_CUE_BEFORE = re.compile(r"\b(?:call|dial|phone|tel|text|fax|mobile|cell|number|contact|"
                               r"reach)\w*\b[^.!?\d]{0,20}$", re.I)  # fmt: skip


_IDENTIFIER_WORDS = ("order|orders|code|codes|ID|PIN|OTP|tracking|confirmation|reference|ref|"
                     "account|acct|invoice|ticket|case|docket|booking|reservation|serial|claim|policy|"
                     "member|customer|transaction|receipt|incident|SKU|RMA|PNR|voucher|"
                     "(?:license|licence|number) plate|plate number|VIN|"
                     "(?-i:ZIP)|zip code|postal code|"
                     "card ending in|ending in|ends in|"
                     r"last (?:four|4) digits(?: of (?:your|the) \w+(?: \w+)?)?(?: (?:are|is))?")
"""Words after which a number is an identifier, read digit by digit (4 digits or more)."""
IDENTIFIER_BEFORE_NO = re.compile(rf"\b(?:{_IDENTIFIER_WORDS})[ \t]+$", re.I)
"""Before "no.": the word of an identifier ("reference no. is RF-8831" is read "number", and
its period ends no sentence)."""
_IDENTIFIER_BEFORE = re.compile(rf"\b(?:{_IDENTIFIER_WORDS})(?:\s?(?:number|no\.|is|was|:))*\s?$",
                                re.I)  # fmt: skip
_PER_WORDS = ("month|mo|year|yr|week|wk|day|night|hour|hr|minute|min|person|user|seat|head|unit|"
              "piece|game|serving|dose|text|message|call|mile|mi|lb|kg|oz|item|ticket|visit|"
              "session|class|lesson|ride|order|bag|box|gal|gallon|share|pair|dozen|bbl|barrel|"
              "vehicle|car|guest|adult|child|room|page|word|student|member|employee|kwh|liter|"
              r"sq\.? ?ft|sq\.? ?km|sq\.? ?mi|sq\.? ?m|sf")  # $405/sq ft, 8,000/km²  # fmt: skip
_PER_ABBREVIATIONS = {"mo": "month", "yr": "year", "wk": "week", "hr": "hour", "min": "minute",
                      "mi": "mile", "lb": "pound", "kg": "kilogram", "oz": "ounce",
                      "gal": "gallon", "bbl": "barrel", "sqft": "square foot", "sf": "square foot",
                      "sqm": "square meter", "kwh": "kilowatt hour", "sec": "second",
                      "sqkm": "square kilometer", "sqmi": "square mile"}  # fmt: skip

def _per_word(word: str) -> str:
    return _PER_ABBREVIATIONS.get(word.lower().replace(".", "").replace(" ", ""), word)


_STATES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT "
           "NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR")
_STATES = "|".join(_STATES.split())
_NEG = r"(?P<neg>(?<![\w.,-])-)?"
_RESOLUTIONS = "144|240|360|480|576|720|1080|1440|2160|4320"


_SCALED_AMOUNT_AHEAD = re.compile(rf"\d+(?:,\d{{3}})*(?:\.\d+)?\s?(?:{_alternation(_MONEY_SCALES)})\b")


def _money_range(m: re.Match[str]) -> str:
    """``$5-10`` -> "5-$10", read "five to ten dollars"; ``$1-2 million`` -> "one to two
    million dollars" (the currency was read after the first amount, and the scale not).
    With cents and no scale the currency is said twice: ``$5.50-6.50``."""
    if m[3] and not _SCALED_AMOUNT_AHEAD.match(m.string, m.end()):
        return f"{m[1]}{m[2]}-{m[1]}"
    return f"{m[2]}-{m[1]}"


_SCALE_VALUES = {"": 1, "k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12}


def _repeated_currency(m: re.Match[str]) -> str:
    """``€65k–€80k`` -> "€65–80k", ``$80-$120`` -> "$80-120" (read "sixty-five to eighty
    thousand euros", "eighty to one hundred twenty dollars" by ``_money_range``): the currency
    and the scale said once, as a range of them is; so after "to", ``$80 to $120``, and "and"
    after "between" (were "eighty dollars to one hundred twenty dollars"). Scales that differ,
    ``$500k-$1.2M``, say the currency once, at the end: "five hundred thousand to one point
    two million dollars". Left where the second amount is less (``$100 - $35`` may be a
    difference, ``from $120 to $80`` a fall said in full)."""
    first, second = (m["s"] or "").lower(), (m["t"] or "").lower()
    if m["sep"] == " and " and not m.string[max(0, m.start() - 8) : m.start()].lower().endswith(
            "between "):  # fmt: skip
        return m[0]  # two prices: "$15 and $10 for kids"
    if _amount(m["a"]) * _SCALE_VALUES[first] > _amount(m["b"]) * _SCALE_VALUES[second]:
        return m[0]
    if first != second:  # not "$5 to $10M": five would be heard as millions
        return f"{m['a']}{m['s']}-{m['c']}{m['b']}{m['t'] or ''}" if m["s"] else m[0]
    return f"{m['c']}{m['a']}-{m['b']}{m['t'] or ''}"


def _circuit(m: re.Match[str]) -> str:
    """``115V/15A`` -> "one hundred fifteen volts, fifteen amps"; before a noun, ``a 240V/30A
    circuit``, singular: "two hundred forty volt, thirty amp"."""
    plural = "" if _NOUN_AFTER_UNIT.match(m.string, m.end()) else "s"
    return _spaced(f"{cardinal(int(m[1]))} volt{plural}, {cardinal(int(m[2]))} amp"
                   f"{plural if m[2] != '1' else ''}")


def _per_hours(m: re.Match[str]) -> str:
    """``1,200mg/24h`` -> "... milligrams per twenty-four hours" (``/1d``: per day)."""
    per = "hour" if m["per"][0] == "h" else "day"
    count = "" if m["n"] == "1" else f"{cardinal(int(m['n']))} "
    return f"{_unit(m).rstrip()} per {count}{per}{'s' if count else ''} "


_JOULES = re.compile(r"(?<![\w.,/-])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?) J"
                     r"(?:/(?:(?P<per>mol|kg|g|s|K|m)\b|\((?P<a>mol|kg|g)\s?[·⋅*]?\s?(?P<b>K)\)))?"
                     r"(?![\w'’/-]|\.\s?[A-Z])")  # fmt: skip
"""A number and J, a space between them: joules (``8.314 J``). Joined, ``23J``, it is a seat
or a flat; before a capital after a period, ``in 1997 J. K. Rowling``, an initial."""
_PANEL_BEFORE = re.compile(r"\b(?:fig(?:ure)?|panel|appendix|exhibit|plate|vol|part|schedule)\.?\s?$", re.I)


def _joules(m: re.Match[str]) -> str:
    """``8.314 J`` -> "eight point three one four joules"; ``J/(mol·K)`` -> joules per mole
    kelvin; singular for 1 and after "a" (a 5 J pulse). Not after a label's word (``seat 4
    J``, ``Figure 3 J``)."""
    before = m.string[max(0, m.start() - 14) : m.start()]
    if _LABEL_BEFORE.search(before) or _PANEL_BEFORE.search(before):
        return m[0]
    number = m["num"].replace(",", "")
    unit = "joule" if number == "1" or _after_article(m) else "joules"
    per = [_PER_UNIT[u] for u in (m["per"], m["a"], m["b"]) if u]
    return _spaced(f"{read_number(number, False)} {unit}" + (f" per {' '.join(per)}" if per else ""))


_SIDES = {"W": "wide", "H": "high", "D": "deep", "L": "long"}
_SIZE_TIMES_AHEAD = re.compile(r"\s?[x×]\s?\d")
_SIZE_TIMES_BEFORE = re.compile(r"[x×]\s?$")


def _side_letter(m: re.Match[str]) -> str:
    """``36" W x 70" H x 31" D`` -> 36" wide x 70" high x 31" deep: a letter after a length is
    the side it measures where the size goes on or came on with "x" (``65" W`` alone may be a
    TV and watts are not read here)."""
    if not (_SIZE_TIMES_AHEAD.match(m.string, m.end())
            or _SIZE_TIMES_BEFORE.search(m.string, max(0, m.start() - 3), m.start())):
        return m[0]
    return f"{m['size']} {_SIDES[m['side']]}"


def _inches(m: re.Match[str]) -> str:
    """``6.7"`` -> "six point seven inches" ("a 6.7" display" -> inch), ``1/4"`` -> "one
    quarter inch", unless the quote closes one opened before it (``"Give me 5"``)."""
    if _quote_open_before(m.string, m.end() - 1):
        return m.group(0)
    if m["d"]:  # a fraction of an inch: singular when proper ("a 1/4" bit") or before a noun
        return _spaced(f"{_fraction(m).strip()} inch{'es' if m['w'] and not _inch_noun_after(m) else ''}")
    if m["lo"]:  # a range: 38–40" (was "thirty-eight, forty inches": read before the range)
        between = _BETWEEN_BEFORE.search(m.string, max(0, m.start() - 30), m.start() + len(m["lo"]))
        return _spaced(f"{read_number(m['lo'], False)} {'and' if between else 'to'} "
                       f"{read_number(m['v'], False)} inches")
    singular = (m["v"] == "1" or _after_article(m) or _the_before_noun(m)
                or _side_of_a_size(m) or _brand_size_before_noun(m) or _inch_noun_after(m)
                or _LAPTOP_BEFORE.search(m.string, max(0, m.start() - 24), m.start()) is not None)
    return _spaced(f"{read_number(m['v'], False)} inch{'' if singular else 'es'}")


_LOWER_WORD_AFTER = re.compile(r"[ \t](?!(?:an|the)\b)[a-z][a-z-]+\b(?![.:/@]\w)")
_NOT_A_NOUN_AFTER_INCHES = re.compile(
    r"[ \t](?:of|and|or|to|in|on|at|by|for|is|are|was|were|per|from|below|above|under|over|around|"
    r"beyond|behind|inside|outside|into|onto|off|up|down|overnight|today|tonight|tomorrow|"
    r"yesterday|expected|possible|likely|higher|lower|high|deep|wide|long|tall|thick|across|"
    r"diagonal(?:ly)?|away|apart|each|total|overall|then|now|tops|with|than|that|which|but|so|if|"
    r"when|while|because|more|less|larger|smaller|bigger|longer|shorter|taller|wider|of|as|min|"
    r"max|minimum|maximum|or so|ish|thickness|in diameter|fell|falls?|accumulat\w*|came|remain\w*|"
    r"fits?|left|mid)\b(?!-\w)")  # not a hyphened word's first part: 16" on-center joists  # fmt: skip


def _inch_noun_after(m: re.Match[str]) -> bool:
    """Inches written with a mark before a noun describe it: ``16" joists``, ``2 1/2" deck
    screws`` -> two and one half inch deck screws (were "inches"); not before a word of measure,
    place or time (``6" deep``, ``3" apart``, ``2" overnight``) nor a verb."""
    if _ACRONYM_AFTER.match(m.string, m.end()) is not None:
        return not m.string.startswith((" OC", " O.C"), m.end())  # a 6.1" OLED (was "inches")
    return (_LOWER_WORD_AFTER.match(m.string, m.end()) is not None
            and _NOT_A_NOUN_AFTER_INCHES.match(m.string, m.end()) is None
            and _VERB_AFTER.match(m.string, m.end()) is None)


_LAPTOP_BEFORE = re.compile(r"\b(?:MacBook(?: Pro| Air)?|iPad(?: Pro| Air| mini)?|iMac|"
                            r"Studio Display|XPS|Zenbook|Surface (?:Pro|Laptop(?: Studio)?)|"
                            r"Razer Blade|Framework)"
                            r" $")  # fmt: skip
"""A computer whose line is named by its screen's size: ``The MacBook Pro 14" has`` -> ...
fourteen inch has (the model's name; was "inches")."""
_BRAND_BEFORE = re.compile(r"(?:\b[A-Z][\w&-]*|'s) $")
_MEASURE_WORD_AFTER = re.compile(r"[ \t](?:wide|long|tall|high|deep|thick|across|diagonal(?:ly)?|away|"
                                 r"apart|each|total|overall|then|now|tops|or|and|with|than|that|"
                                 r"which|but|so|if|when|while|because|more|less|larger|smaller|"
                                 r"bigger|longer|shorter|taller|wider)\b")  # fmt: skip


def _brand_size_before_noun(m: re.Match[str]) -> bool:
    """A size after a maker's name, before its model or a noun, describes it: ``The Samsung
    65" QN90C`` -> ... sixty-five inch QN ninety C, ``LG 55" OLED``, ``Samsung's 65" model``
    (were "inches"); ``Board 12" wide`` stays inches."""
    return (_BRAND_BEFORE.search(m.string, max(0, m.start() - 30), m.start()) is not None
            and _NOUN_AFTER.match(m.string, m.end()) is not None
            and _MEASURE_WORD_AFTER.match(m.string, m.end()) is None
            and _VERB_AFTER.match(m.string, m.end()) is None)


def _inches_by(m: re.Match[str]) -> str:
    """``x`` before a number of inches is "by" (``12" x 8"``, ``9x13"``), unless that inch mark
    closes a quote opened before it (``say "3 x 5"``)."""
    if _quote_open_before(m.string, m.string.index('"', m.end())):
        return m.group(0)
    return f"{m[1]} by "


_SIZE_AFTER_ARTICLE = re.compile(r"(?:^|(?<=\W))(?:[Aa]n?|[Tt]he) (?:\d{1,3}(?:\.\d{1,2})?"
                                 rf"(?:\"|\s?(?:{_DIMENSION_UNITS}))? by ){{1,2}}$")
"""A size's first numbers after "a" or "the": its inches or other lengths describe the noun
after it, "a 9 by 13" dish" (a nine by thirteen inch dish), "a 12 ft by 15 ft room"."""


_SIDES_AHEAD = re.compile(rf"(?: by \d{{1,3}}(?:\.\d{{1,2}})?(?:\"|\s?(?:{_DIMENSION_UNITS})\b)?){{1,2}}")


def _side_of_a_size(m: re.Match[str]) -> bool:
    """Whether the match is a side of a size after "a" or "the", before the noun it
    describes: "a 12' x 15' room", "the 3 m x 4 m tent" (a twelve foot by fifteen foot room;
    the last side was "fifteen feet", the first after "the" "three meters")."""
    if (_SIZE_AFTER_ARTICLE.search(m.string, max(0, m.start() - 40), m.start()) is None
            and _THE_BEFORE.search(m.string, max(0, m.start() - 4), m.start()) is None):
        return False
    sides = _SIDES_AHEAD.match(m.string, m.end())
    return _NOUN_AFTER_UNIT.match(m.string, sides.end() if sides else m.end()) is not None


_THE_BEFORE = re.compile(r"(?:^|(?<=\W))[Tt]he $")
_NOUN_AFTER = re.compile(r"[ \t](?!(?:of|and|or|to|in|on|at|by|for|is|are|was|were)\b)(?:[a-z]|[A-Z](?=[\w-]))")
"""A noun after a size: lowercase, or a name (the 14" MacBook Pro; not "I")."""


def _the_before_noun(m: re.Match[str]) -> bool:
    """"the 13" model": the size describes the noun that follows (the thirteen inch model)."""
    return (_THE_BEFORE.search(m.string, max(0, m.start() - 4), m.start()) is not None
            and _NOUN_AFTER.match(m.string, m.end()) is not None)


def _feet(m: re.Match[str]) -> str:
    """``12'`` -> "12 ft" (read by the unit rules: "12' x 15'" is twelve feet by fifteen feet),
    unless the quote closes one opened before it (``press '5'``)."""
    if _quote_open_before(m.string, m.end() - 1, "'"):
        return m.group(0)
    return f"{m[1]} ft"


_YEAR_APOSTROPHE = re.compile(r"'\d\d(?:s|\b)")


def _quote_open_before(text: str, i: int, quote: str = '"') -> bool:
    """Whether a ``quote`` opened (after a space or bracket; a double quote after a comma,
    ``=`` or colon too, as a formula's or JSON's string: ``=COUNTIF(A1:A10,">100")``) in the 300 characters
    before ``i`` is still open; a quote right after a digit opens nothing, nor does the
    apostrophe of a year ('90s)."""
    opened = False
    start = max(0, i - 300)
    for k in range(start, i):
        if text[k] != quote or (quote == "'" and _YEAR_APOSTROPHE.match(text, k)):
            continue
        before = text[k - 1] if k else " "
        if opened and not before.isspace():
            opened = False
        elif before.isspace() or before in "([" or quote == '"' and before in "{,=:":
            opened = True
    return opened


_PROMO_WORDS = ("SAVE|FREE|SHIP|SHIPPING|WELCOME|SPRING|SUMMER|FALL|AUTUMN|WINTER|HOLIDAY|XMAS|"
                "NEW|YEAR|FIRST|EXTRA|TAKE|GET|OFF|SALE|DEAL|DEALS|BONUS|GIFT|HELLO|THANKS|"
                "STUDENT|FRIENDS|FAMILY|BLACK|FRIDAY|CYBER|MONDAY|FLASH|SUPER|HAPPY|WEEKEND|"
                "SPECIAL|TREAT|JOIN|HOME|BACK|SCHOOL|MOM|DAD|LOVE|ORDER|APP|EASTER")
_PROMO_WORDS = _alternation(_PROMO_WORDS.split("|"))  # SHIPPING before SHIP
_PROMO_CODE = re.compile(rf"((?:{_PROMO_WORDS})+)(\d{{1,2}}|20\d\d)")
"""A promotion's code of words and an amount or a year: ``SAVE20`` is said "save twenty"
(was "S A V E two zero"), ``WELCOME10``, ``FREESHIP50``, ``SPRING2025``."""
_PROMO_WORD = re.compile(_PROMO_WORDS)


def _promo_code(code: str) -> str | None:
    """``SAVE20`` -> "save twenty", ``FREESHIP50`` -> "free ship fifty"; None for any other code."""
    m = _PROMO_CODE.fullmatch(code)
    if m is None:
        return None
    words = " ".join(word.lower() for word in _PROMO_WORD.findall(m[1]))
    return f"{words} {read_number(m[2])}"


def _identifier(m: re.Match[str]) -> str:
    """An order number, code or ID, character by character: "order #1234" -> order number
    one two three four; "ID: 7F3K-9Q2L" -> I D seven F three K, nine Q two L; a promotion's
    code of words, "code SAVE20", as said (``_promo_code``)."""
    gap = re.sub(r"\bno\.", "number", m["gap"], flags=re.I)  # "case no. 123"
    gap = gap.replace("#", "" if "number" in gap.lower() else " number ")  # "ticket # is"
    return f"{m['word']}{gap}" + _spaced(_promo_code(m["id"]) or _spell(m["id"]))


def _spell(code: str) -> str:
    """``7F3K-9Q2L`` -> "seven F three K, nine Q two L" (a hyphen or space is a pause)."""
    spelled = [_ONES[int(c)] if c.isdigit() else "," if c in "- " else c.upper() for c in code]
    return " ".join(spelled).replace(" ,", ",")


def _duration(m: re.Match[str]) -> str:
    """``1h30m`` -> "one hour thirty minutes"; singular where it describes the noun after it,
    as other units do: "a 24h pass" -> a twenty-four hour pass (was "hours pass")."""
    parts = [(m["h"], "hour"), (m["m"], "minute"), (m["s"], "second")]
    describes = _after_article(m) or _describes_the_noun_after(m)
    return _spaced(" ".join(f"{cardinal(int(n))} {unit}{'' if int(n) == 1 or describes else 's'}"
                            for n, unit in parts if n))  # fmt: skip


_ELAPSED_BEFORE = re.compile(
    r"(?:\b(?:finish(?:ed|es|ing)?|complet(?:e|ed|es|ing)|won|ran|swam|cycled|rode|rowed|walked|"
    r"skated|skied|paddled|hiked|done|clocked)"
    r"(?:\s+(?:the|a|his|her|their|its)\s+\w+|\s+\d[\d.,]*\s?[a-zA-Z]{0,10})?\s+in(?:\s+a\s+(?:\w+\s+)?time\s+of)?"
    r"(?:\s+(?:just|only))?(?:\s+(?:under|less\s+than|about|around|over|sub))?"
    r"|\b(?:ran|runs|clocked|clocks|posted|set|recorded)(?:\s+an?)?"
    r"|\bin\s+a\s+(?:\w+\s+)?time\s+of"
    r"|\b(?:timer|countdown|stopwatch)(?:\s+(?:for|to|of|at|on|reads|shows|set\s+to))?"
    r"|\b(?:(?:finish|finishing|winning|chip|gun|net|race|total|running|lap|official|final|record)"
    r"\s+times?|record|best|PB|PR|elapsed|duration|run\s?time|length)(?:\s+(?:of|was|is))?:?"
    r"|\b(?:lasted|lasts|lasting|took|takes|taking)(?:\s+(?:just|only|about|over|under|nearly))?"
    r"|\b(?:sub|break|breaks|breaking|broke)"  # a sub-4:00 mile, to break 3:00
    r")\s+$", re.I)  # fmt: skip
"""Words before ``h:mm:ss`` that make it a time taken, not a time of day: "finished in",
"ran 26.2 miles in", "ran", "a winning time of", "finish time was", "elapsed:", "took", "set
the timer for"; "the time is 2:03:45" stays a clock's."""
_ELAPSED_AFTER = re.compile(
    r"\s+(?:(?:half[- ])?marathon|ultra(?:marathon)?|triathlon|ironman|race|finish|PB|PR|"
    r"personal best)s?\b", re.I)  # fmt: skip
"""Words after ``h:mm:ss`` that make it a time taken, which describes them: "a 2:01:09
marathon", "his 3:59:59 finish" (not "time": "at 10:00:00 time to go")."""


def _elapsed(m: re.Match[str]) -> str:
    """``2:03:45`` after "finished in", "clocked", "elapsed" ... (``_ELAPSED_BEFORE``), before
    "marathon", "finish" ... (``_ELAPSED_AFTER``; singular, as a unit before its noun is), or
    past 24 hours: "two hours, three minutes and forty-five seconds", fields of
    zero left out; anything else is left to the time rule (``12:00:30``)."""
    hours = int(m["h"])
    before = _ELAPSED_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
    after = _ELAPSED_AFTER.match(m.string, m.end())
    if hours <= 24 and before is None and after is None:
        return m.group(0)
    seconds = f"{int(m['s'])}.{m['f']}" if m["f"] else str(int(m["s"]))
    describes = after is not None  # a 2:01:09 marathon: two hour ..., as a unit before its noun
    parts = [f"{read_number(n, False)} {unit}{'' if n == '1' or describes else 's'}"
             for n, unit in ((str(hours), "hour"), (str(int(m["m"])), "minute"), (seconds, "second"))
             if n.strip("0.")]  # fmt: skip
    if not parts:
        return m.group(0)
    return _spaced(", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1])


def _elapsed_minutes(m: re.Match[str]) -> str:
    """``25:30`` after "ran 5 km in", "finished in", "clocked" ... (``_ELAPSED_BEFORE``) or
    before "marathon", "finish" ... (``_ELAPSED_AFTER``), where the first field is 24 to 59 and
    so no clock's hour: minutes and seconds, "twenty-five minutes and thirty seconds" (was
    "twenty-five to thirty", a score's reading). Under 24 it is left to the time rule, which a
    runner's "twenty-two thirty" matches."""
    before = _ELAPSED_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
    after = _ELAPSED_AFTER.match(m.string, m.end())
    if before is None and after is None and not m["f"]:
        return m.group(0)
    seconds = f"{int(m['s'])}.{m['f']}" if m["f"] else str(int(m["s"]))
    describes = after is not None  # a 25:30 race: twenty-five minute ..., as before its noun
    number = str(int(m["m"]))
    minutes = f"{read_number(number, False)} minute{'' if describes or number == '1' else 's'}"
    if not seconds.strip("0."):
        return _spaced(minutes)
    unit = "second" if seconds == "1" or describes else "seconds"
    if number == "0":  # 0:45.2: forty-five point two seconds
        return _spaced(f"{read_number(seconds, False)} {unit}")
    return _spaced(f"{minutes} and {read_number(seconds, False)} {unit}")


_COUNTED_PARTS = ("USB|HDMI|DisplayPort|DP|Thunderbolt|SATA|M\\.2|RJ-?45|Ethernet|SFP|XLR|DIMM|AAA|"
                  "AA|microSD|SD|Type-C|Lightning")
_CELL_SIZE = (r"[1-4]\d(?!00)\d\d0(?:s\b|\s(?:[Ll]i-?[Ii]on\s|[Ll]ithium\s|LiFePO4\s)?"
              r"(?:cells?|batter(?:y|ies)|packs?)\b)")
"""A lithium cell's size (diameter and length in millimeters) before "cells", "battery" ...:
``18650``, ``21700``."""


def _cell_size(m: re.Match[str]) -> str:
    size = f"{cardinal(int(m[2]))} {_code_number(m[3])}"
    count = f"{cardinal(int(m['count']))} " if m["count"] else ""
    return _spaced(count + (_plural(size) if m[4] else size))


_STORAGE_UNITS = ("KB", "MB", "GB", "TB", "GiB", "TiB")
"""Sizes of memory and drives, that a spec sheet counts with ``2x`` (``2x 16GB`` is two sticks
of sixteen gigabytes)."""
"""Ports, slots and batteries, that a spec sheet counts with ``2x`` (``2x USB-C`` is two USB-C
ports, not "two times"); not GPU, CPU, PCIe ...: "a 10x GPU speedup" is ten times."""


def _bath(count: str) -> str:
    """``2.5`` baths: "two and a half"."""
    whole, _, half = count.partition(".")
    return cardinal(int(whole)) + (" and a half" if half == "5" else "")


_BIBLE_BOOKS = ("Genesis Exodus Leviticus Numbers Deuteronomy Joshua Judges Ruth Samuel Kings "
                "Chronicles Ezra Nehemiah Esther Job Psalm Psalms Proverbs Ecclesiastes Isaiah "
                "Jeremiah Lamentations Ezekiel Daniel Hosea Joel Amos Obadiah Jonah Micah Nahum "
                "Habakkuk Zephaniah Haggai Zechariah Malachi Matthew Mark Luke John Acts Romans "
                "Corinthians Galatians Ephesians Philippians Colossians Thessalonians Timothy Titus "
                "Philemon Hebrews James Peter Jude Revelation").split()  # fmt: skip
_NUMBERED_BOOKS = ("Samuel", "Kings", "Chronicles", "Corinthians", "Thessalonians", "Timothy",
                   "Peter", "John")  # fmt: skip
"""Books in two or three parts: ``1 Corinthians`` is First Corinthians."""
_BOOK_ORDINALS = {"1": "First", "2": "Second", "3": "Third", "I": "First", "II": "Second",
                  "III": "Third"}  # fmt: skip
_BOOK_BEFORE = re.compile(rf"\b(?:{_alternation(_BIBLE_BOOKS)}) $")


def _verse(m: re.Match[str]) -> str:
    """``Mark 16:9`` -> "Mark sixteen nine", ``Corinthians 13:4-7`` -> "Corinthians thirteen
    four to seven": as a verse is cited aloud, after a book's name (looked for behind the
    digits: a search for any of 66 names at every position of every text with a clock in it
    costs ten times more). Where the verse could be minutes (``John 3:16``) the clock reads it
    the same way; where it cannot (``16:9``, ``1:1``) the ratio and time rules would not."""
    if _BOOK_BEFORE.search(m.string, max(0, m.start() - 16), m.start()) is None:
        return m.group(0)
    words = f"{cardinal(int(m['ch']))} {cardinal(int(m['v']))}"
    return _spaced(words + (f" to {cardinal(int(m['v2']))}" if m["v2"] else ""))


_CONTINENTAL_CODES = "EUR|RUB|PLN|zł|CZK|Kč|SEK|NOK|DKK|kr|HUF|BRL"
"""Currencies whose amounts are written the continental way after them too (EUR 3,50)."""
_SUFFIX_CURRENCY = rf"(?:[$€£¥₹₩₽]|\b(?:{_DOLLAR_PREFIXES})\$|\b(?:{_CODE_NAMES})\b)"
_EUROPEAN_AMOUNT = (r"(?<![\d.,])(?:\d{1,3}(?:[.\u00a0\u202f]\d{3})+(?:,\d{1,2})?"
                    r"|\d{1,3}(?: \d{3})+,\d{1,2}|\d+,\d{1,2})(?![\d,])")  # fmt: skip
"""An amount written the continental way: 1.299,00 or 1 234,56 or 3,50 (a comma before the
cents; dots or spaces between thousands). Read so only next to a currency: 1,299 alone, or
after $, stays English."""


def _european_amount(amount: str) -> str:
    """1.299,00 -> 1299.00 (the form the money rules read)."""
    return re.sub(r"[.\u00a0\u202f ]", "", amount).replace(",", ".")


_MODEL_BRANDS = ("(?:Boeing|Airbus|Xbox|Cessna|Porsche|Peugeot|Nokia|Snapdragon|Dimensity|Model|"
                 "Samsung|Crucial|Kingston|Garmin|Forerunner|Canon|Nikon|Ryzen|Radeon|GeForce)")  # fmt: skip


_VERSIONED_BEFORE = re.compile(rf"(?<![\w.])(?:{VERSIONED})"
                               r"(?::?\s(?:version:?\s)?(?:(?:to|from|is|at least)\s)?"
                               r"|\s?(?:[<>=!~]=|[<>])\s?)$"
                               r"|(?<![\w.-])[A-Za-z][\w.-]+(?:[<>=!~]=|[<>])$")
"""A product's name before a version, or a package's before a bound on it: ``Python >= 3.10``,
``numpy>=1.24`` (were "three point one zero", "one point two four"); "to" or "from" between
them, ``Upgrade Python to 3.12``, ``the minimum Go version to 1.21`` (were "one point two one");
"is", "at least" or a colon, ``Minimum Node is 18.18``, ``Node version: 18.18`` (were "one
eight")."""


def _version(m: re.Match[str]) -> str:
    """``Python 3.11`` -> "Python three point eleven": after a product's name
    (``VERSIONED``), a version's minor number is a number, as developers say it (the rule
    looks for the digits, then for the name before them: a search for any of the names at
    every position costs five times more)."""
    if (_VERSIONED_BEFORE.search(m.string, max(0, m.start() - 24), m.start()) is None
            and not _named_version_before(m) or m.string.startswith(" times", m.end())):
        return m.group(0)  # Python is 3.14 times faster: a factor
    return _spaced(f"{cardinal(int(m['major']))} point {cardinal(int(m['minor']))}")


_NAMED_VERSION = re.compile(rf"(?<![\w.])(?:{VERSIONED})\s(?:version\s)?(\d{{1,3}})\.(\d{{1,3}})")
_COMPARED_BEFORE = re.compile(r"(?:\b(?:(?P<vs>than|vs\.?|versus)|and|or|to|from|over|on|with|under|"
                              r"since|until|before|below|above|[Uu]se|[Uu]sing|[Ii]nstall(?:ing)?|"
                              r"[Pp]in|[Kk]eep|[Tt]ry|[Cc]hoose|[Pp]ick),?|,)\s$")  # fmt: skip
_SENTENCE_REACH = 160


def _named_version_before(m: re.Match[str]) -> bool:
    """A bare ``3.11`` reads as a version where its sentence named a product's version before
    it and it is compared to that ("Python 3.12 is faster than 3.11", "Node 18.20 vs 20.11";
    were "three point one one", "twenty point one one") or listed with it, the same major
    number ("Python 3.11 and 3.12", "In Python 3.12 use X; on 3.11, Y") or chosen instead
    ("Python 3.13 is out; use 3.12 if unsure", "pin 3.12"); not "Python 3.12 scored 3.45",
    nor "3.15 times"."""
    text, start = m.string, m.start()
    joined = _COMPARED_BEFORE.search(text, max(0, start - 12), start)
    if joined is None or text.startswith(" times", m.end()):
        return False
    begin = max(0, start - _SENTENCE_REACH)
    sentence = max(begin, *(text.rfind(end, begin, start) for end in (". ", "! ", "? ", "\n")))
    if any(joined["vs"] or named[1] == m["major"]
           for named in _NAMED_VERSION.finditer(text, sentence, start)):
        return True
    # a sentence or two before, the same major and a minor near it: "Kubernetes 1.29
    # deprecates it. ... before moving to 1.32" (was "one point three two")
    if joined["vs"] or joined[0].strip(" ,") in ("and", "or", ""):
        return False  # "It costs 3.15 more than 3.11": a price's, compared to its sentence's
    return any(named[1] == m["major"] and abs(int(named[2]) - int(m["minor"])) <= 6
               for named in _NAMED_VERSION.finditer(text, max(0, start - 2 * _SENTENCE_REACH),
                                                    sentence))


def _ieee_802(m: re.Match[str]) -> str:
    """``802.11ax`` -> "eight oh two point eleven A X", as network engineers say it: the
    family in pairs, its numbers after a dot as numbers, the amendment's letters one by one,
    capitals (a small ``a`` would be read as the article); ``802.11b/g/n`` -> "... B slash G
    slash N"."""
    words = ["eight oh two", *(f"point {cardinal(int(n))}" for n in m[1][1:].split("."))]
    letters = [_spell(m[2].upper())] if m[2] else []
    letters += [_spell(amendment.upper()) for amendment in m[3].split("/")[1:]]
    return _spaced(" ".join(words) + (" " + " slash ".join(letters) if letters else ""))


_BETWEEN_WORD_BEFORE = re.compile(r"\b[Bb]etween $")


def _numbered_range(m: re.Match[str]) -> str:
    """``3.9-3.12`` -> "three point nine to three point twelve": a range of sections or
    versions under one whole number, where the words say so (sections, a product's name:
    ``VERSIONED``, ``Python 3.10-3.12``) or where, read as decimals, it would run backwards
    (3.9 to 3.12). Otherwise a range of decimals (``1.0-1.05``, ``pH 7.4-7.45``, ``1.5-2.5``),
    left to the rule for ranges, which keeps every digit."""
    a, b, c, d = m["a"], m["b"], m["c"], m["d"]
    places = max(len(b), len(d))
    if a != c or int(d) <= int(b) or any(len(x) > 1 and x[0] == "0" for x in (b, d)):
        return m.group(0)
    backwards = int(d.ljust(places, "0")) < int(b.ljust(places, "0"))
    if not backwards and _VERSIONED_BEFORE.search(m.string, max(0, m.start() - 24),
                                                  m.start()) is None:  # fmt: skip
        return m.group(0)
    between = _BETWEEN_WORD_BEFORE.search(m.string, max(0, m.start() - 8), m.start())
    joiner = "and" if between else "to"
    return _spaced(f"{cardinal(int(a))} point {cardinal(int(b))} {joiner} "
                   f"{cardinal(int(c))} point {cardinal(int(d))}")


def _ubuntu(m: re.Match[str]) -> str:
    """``Ubuntu 22.04`` -> "Ubuntu twenty-two oh four" (a year and a month), ``22.04.3`` ->
    "... point three"."""
    major, minor = int(m["major"]), int(m["minor"])
    words = f"{cardinal(major)} {'oh ' if minor < 10 else ''}{cardinal(minor)}"
    words += f" point {cardinal(int(m['patch']))}" if m["patch"] else ""
    return "Ubuntu " + _spaced(words)


_SIGS = {"BID": "twice a day", "TID": "three times a day", "QID": "four times a day",
         "QD": "once a day", "QHS": "at bedtime", "PRN": "as needed", "PO": "by mouth"}  # fmt: skip
_SIGS |= {sig.lower(): words for sig, words in _SIGS.items()
          if sig not in ("BID", "PO")}  # "bid": a word; "po": a river
_SIGS |= {".".join(sig.lower()) + ".": words for sig, words in _SIGS.items() if sig.isupper()}
"""A prescription's frequency as written on it (b.i.d. too), and as said."""
_DOSE_BEFORE = re.compile(r"\d\s?(?:mg|mcg|g|mL|ml|units?|IU|tabs?|tablets?|caps?|capsules?|"
                          r"pills?|drops?|puffs?|sprays?|patch(?:es)?)\b"
                          r"|\bevery \w+ (?:to \w+ )?hours\b")  # fmt: skip


def _every_hours(m: re.Match[str]) -> str:
    """``q12h`` -> "every twelve hours", ``q4-6h`` -> "every four to six hours"."""
    first, last = m["a"] or m["c"], m["b"] or m["d"]
    until = f" to {cardinal(int(last))}" if last else ""
    return _spaced(f"every {cardinal(int(first))}{until} hours")


_ORDER_AFTER = re.compile(r"\s*(?:#|\d|[Bb]ox\b|[Nn]umber\b|[Nn]o\b)")
"""After "PO", what makes it a purchase order or a post office: "PO 4471", "PO Box"."""


def _sig(m: re.Match[str]) -> str:
    """``500 mg BID`` -> "five hundred milligrams twice a day", ``2 tabs PRN`` -> "... as
    needed": only after a dose in the same sentence ("BID" elsewhere is a bid)."""
    before = m.string[max(0, m.start() - 40) : m.start()]
    before = re.split(r"[.!?;]\s", before)[-1]
    if _DOSE_BEFORE.search(before) is None or (m["sig"] == "PO" and _ORDER_AFTER.match(m.string, m.end())):
        return m.group(0)
    return _SIGS[m["sig"]] + (_keeps_period(m) if m["sig"].endswith(".") else "")


_AVERAGE_BEFORE = re.compile(r"\b(?:batting|batted|bats|hitting|hit|hits|average|avg\.?|OBP|OPS|"
                             r"SLG|slugging)(?:\s+(?:of|at|is|was|to))?\s+$", re.I)  # fmt: skip
_AVERAGE_AFTER = re.compile(r"\s+(?:hitter|batting average|average|avg|OBP|OPS|SLG|on-base|"
                            r"slugging|batter)\b", re.I)  # fmt: skip


def _batting_average(m: re.Match[str]) -> str:
    """A batting average as it is said: "batting .312" -> "batting three twelve", "a .300
    hitter" -> "a three hundred hitter", ".056" -> "oh fifty-six"; other decimals of three
    places are left to the number rule (point three one two)."""
    if not (_AVERAGE_BEFORE.search(m.string, max(0, m.start() - 16), m.start())
            or _AVERAGE_AFTER.match(m.string, m.end())):  # fmt: skip
        return m.group(0)
    n = int(m[1])
    words = _in_pairs(n) if n >= 100 else f"oh {cardinal(n)}" if n >= 10 else f"oh oh {_ONES[n]}"
    return _spaced(words)


def _processor_model(number: str, suffix: str) -> str:
    """A processor's number as it is said: 13700 "thirteen seven hundred", 7950 "seventy-nine
    fifty", with its letters spelled (K, X3D)."""
    head, tail = (number[:2], number[2:]) if len(number) == 5 else ("", number)
    words = (f"{cardinal(int(head))} " if head else "") + _model_number(int(tail))
    return f"{words} {_spell(suffix)}" if suffix else words


_SAID_IN_PAIRS = frozenset({("401", "k"), ("403", "b"), ("457", "b"), ("501", "c")})
"""A number and its first paragraph said in pairs: a 401(k), a 501(c)(3) (five oh one c three)."""


def _paragraphs(m: re.Match[str]) -> str:
    """``12(b)(6)`` -> "twelve b six": a number and its paragraphs in brackets, at least one
    of them letters (``2(3)`` stays arithmetic's)."""
    marks = re.findall(r"\(([^()]*)\)", m[2])
    if not any(mark.isalpha() for mark in marks):
        return m.group(0)
    number = _in_pairs(int(m[1])) if (m[1], marks[0]) in _SAID_IN_PAIRS else cardinal(int(m[1]))
    words = [cardinal(int(mark)) if mark.isdigit() else mark for mark in marks]
    return _spaced(" ".join([number, *words]))


def _section_dash(part: str | None) -> str:
    """A hyphen's number in a section's: ``-17`` -> " dash 17"."""
    return f" dash {part[1:]}" if part else ""


def _two_digit_year(yy: str) -> str:
    """A year's last two digits: ``23`` "twenty-three", ``05`` "oh five"."""
    return ("oh " if yy[0] == "0" else "") + cardinal(int(yy))


_PAGES_BEFORE = re.compile(r"\b(?:pages?|pp?\.|lines?|verses?|sections?|§§?|chapters?|nos?\.|"
                           r"numbers?|rooms?|items?|from)\s*$", re.I)  # fmt: skip
"""Words after which ``737-800`` is a range of numbers, not a Boeing's variant."""


def _boeing(m: re.Match[str]) -> str:
    """A Boeing's number without its maker's name, before a variant or MAX: ``787-9`` ->
    "seven eighty-seven nine", ``737 MAX 8``, ``777X`` (were "seven hundred eighty-seven to
    nine", "seven hundred thirty-seven MAX"); ``pages 737-800`` stays a range."""
    if m["var"] and (_PAGES_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
                     or (len(m["var"]) < 3 and m["num"] not in ("737", "777", "787"))):
        return m[0]  # only the 737's, 777's and 787's variants are 7 to 10
    return _spaced(_model_number(int(m["num"]))) + (f" {m['var']}" if m["var"] else m["tail"])


def _code_number(number: str) -> str:
    """A model's or code's number: in pairs (``_model_number``), but digit by digit when it
    starts with a zero, which pairs would drop (F050 "F zero five zero", not "F fifty")."""
    return digits(number) if number.startswith("0") else _model_number(int(number))


def _down_and_up(m: re.Match[str]) -> str:
    """A connection's speeds as they are said, down first: ``500/50 Mbps`` -> "five hundred
    megabits per second down and fifty up", ``1000/1000 Mbps`` -> "... both ways"; an upload
    faster than the download is no plan's: left as written."""
    down, up = float(m["down"]), float(m["up"])
    if up > down or m["unit"] not in _UNITS:
        return m[0]
    one, many = _UNITS[m["unit"]]
    speed = f"{read_number(m['down'], False)} {one if m['down'] == '1' else many}"
    if up == down:
        return _spaced(f"{speed} both ways")
    return _spaced(f"{speed} down and {read_number(m['up'], False)} up")


_SOURCE_EXTENSIONS = ("py|pyi|ipynb|js|jsx|mjs|cjs|ts|tsx|java|kt|kts|go|rs|rb|php|c|h|cc|cpp|cxx|hpp|"
                      "cs|swift|scala|vue|svelte|css|scss|less|html|json|ya?ml|toml|sh|bash|sql|"
                      "lua|dart|exs?|erl|hs|ml|clj|jl|pl|tf|gradle|xml|txt|md|log|cfg|ini")
"""A source file's extensions: after one, ``:18:27`` is a line and a column (a web address's
``.com:8080`` is a port's, read elsewhere)."""


def _line_and_column(m: re.Match[str]) -> str:
    """``ProductList.jsx:18:27`` -> "ProductList.jsx, line eighteen, column twenty-seven" (the
    name is read by the rules after)."""
    column = f", column {cardinal(int(m['col']))}" if m["col"] else ""
    return f"{m['file']}, line {cardinal(int(m['line']))}{column}"


_HTTP_CODE = r"(?:[2-5]\d\d)(?!\d)"
_HTTP_CODES = re.compile(rf"{_HTTP_CODE}| ?/ ?")
_STATUS = r"(?:4[0-4]\d|45[01]|50\d|51[01])(?!\d)"
_HTTP_JOIN = r"(?:,? (?:or|and)(?: an?)? |, | ?/ ?)"
"""An HTTP status's three digits, read in pairs after a cue (``_model_number``): 404 "four oh
four", 500 "five hundred"; a slash between two is "or"."""


def _http_code(m: re.Match[str]) -> str:
    return " or " if "/" in m[0] else _model_number(int(m[0]))


_ANY_STATUS = r"(?:20[0-6]|30[0-478]|4[0-2]\d|429|431|451|50[0-8]|511)(?!\d)"
_WEB_WORDS = re.compile(r"\b(?:HTTPS?|APIs?|endpoints?|servers?|requests?|status(?:es)?|"
                        r"responses?|tokens?|auth\w*|REST|GET|POST|PUT|PATCH|DELETE|curl|routes?|"
                        r"handlers?|webhooks?|backend|headers?|Unauthorized|Forbidden|Not Found|"
                        r"rate[- ]limit\w*|gateway|proxy|nginx|Express|Flask|FastAPI|Django)\b")  # fmt: skip
"""Words of the web, near ``returns 401`` without its article: the number is a status."""


def _bare_http_code(m: re.Match[str]) -> str:
    """``returns 401 or 403`` -> "returns four oh one or four oh three" (were "four hundred
    one ..."): a status after "returns", "responds with", "gets" ... with no article, where the
    text speaks of the web within 200 characters and no noun follows ("returns 200 rows")."""
    if _WEB_WORDS.search(m.string, max(0, m.start() - 200), min(len(m.string), m.end() + 200)) is None:
        return m[0]
    return m["cue"] + _spaced(_HTTP_CODES.sub(_http_code, m["codes"]))


_FAULTY = (r"(?:(?:an?|the|any) )?(?:invalid|missing|unknown|bad|unauthori[sz]ed|expired|malformed|"
           r"duplicate|wrong|empty|stale)")
"""What a status answers after "on" or "for": ``404 on a missing id``, ``400 for bad input``."""


_EMERGENCY = re.compile(r"[Ee]mergenc")
_EMERGENCY_READ_BEFORE = re.compile(r"(?:\b(?:nine one one|nine nine nine|one one two|nine eight eight|"
                                    r"zero zero zero)|(?<![\w,.$€£])(?:911|999|112|988|000))"
                                    r"\s*(?:,|or|and|/)?\s*$")  # fmt: skip
_CALLS_AFTER = re.compile(r" (?:calls?|callers?|dispatch(?:ers?)?|operators?)\b")


def _emergency_number(m: re.Match[str]) -> str:
    """911, 999, 112, 988 or 000, digit by digit, where it is an emergency number: the text
    speaks of an emergency within 80 characters, one read so (or another of them, this rule's
    own) is joined to it ("dial 999 or 112", "call 911, 112 or 999"), or, 911, before a call ("911 calls"); else a number ("ran 112 meters")."""
    start, end = max(0, m.start() - 80), m.end() + 80
    if not (_EMERGENCY.search(m.string, start, end)
            or _EMERGENCY_READ_BEFORE.search(m.string, max(0, m.start() - 30), m.start())
            or (m[1] == "911" and _CALLS_AFTER.match(m.string, m.end()))):
        return m[0]
    return _spaced(digits(m[1]))


_NUMBERED_PLACE_BEFORE = re.compile(r"\b(?:[Rr]oom|ROOM|R[Mm]|rm|[Ss]uite|SUITE|[Ss]te|STE|[Aa]pt|APT|"
                                    r"[Aa]partment|[Ff]light|FLIGHT|[Gg]ate|GATE|[Bb]us|BUS|"
                                    r"[Pp]latform|[Tt]rain|TRAIN)\.?\s$")  # fmt: skip


def _labelled_number(m: re.Match[str]) -> str:
    """A room's, suite's, flight's, gate's or bus's number, in pairs as it is said: Room 101
    (one oh one), Flight 370 (three seventy), Suite 1204 (were "one hundred one", "three
    hundred seventy"; the rule looks for the digits, then for the word before them)."""
    if _NUMBERED_PLACE_BEFORE.search(m.string, max(0, m.start() - 12), m.start()) is None:
        return m[0]
    return _spaced(_code_number(m["num"]))


def _model_number(n: int) -> str:
    """A product's number as it is said: 737 "seven thirty-seven", 4090 "forty ninety",
    2000 "two thousand"."""
    return cardinal(n) if n % 1000 == 0 else _in_pairs(n)


def _port(number: str) -> str:
    """A port as it is said: 8080 "eighty eighty", 443 "four forty-three", 80 "eighty", 27017
    digit by digit."""
    if len(number) <= 2:
        return cardinal(int(number))
    return _model_number(int(number)) if len(number) <= 4 else digits(number)


def _host_port(m: re.Match[str]) -> str:
    """``10.0.0.1:5432`` -> "10.0.0.1 colon fifty-four thirty-two"; a path after the port
    stays joined to it, to be read "slash" (``localhost:3000/api``)."""
    after = "" if m.string.startswith("/", m.end()) else " "
    return f"{m[1]} colon {_port(m[2])}{after}"


def _port_mapping(m: re.Match[str]) -> str:
    """``-p 8080:80`` -> "-p eighty eighty colon eighty" (after a command, "dash p"; ``8080:80/udp``: "... slash U D
    P"), after an option or a word that maps ports: a time or a ratio read there would be
    nonsense."""
    proto = f" slash {_spell(m['proto'])}" if m["proto"] else ""
    return (m["cue"] + m["quote"]
            + _spaced(f"{_port(m['a'])} colon {_port(m['b'])}{proto}").lstrip())


def _over(top: str, bottom: str) -> str:
    return f"{cardinal(int(top))} over {cardinal(int(bottom))}"


def _high_low(m: re.Match[str]) -> str:
    """A forecast's high and low after a weekday or with degree signs: ``Mon 72/58`` ->
    "Monday, high 72, low 58" (the numbers read next), ``27°C/18°C``; left where the first is
    not the higher, the units differ (``27°C/81°F``), or, without degrees, it may be a date
    (``Mon 12/10``)."""
    hi, lo, unit, unit_lo = int(m["hi"]), int(m["lo"]), m["u"] or "", m["v"] or ""
    degrees = bool(unit or unit_lo)
    if (hi <= lo or (unit and unit_lo and unit != unit_lo) or not (m["day"] or degrees)
            or (not degrees and hi <= 12) or max(abs(hi), abs(lo)) > 130):
        return m[0]
    day = f"{m['day']}, " if m["day"] else ""
    return f"{day}high {m['hi']}{unit or unit_lo}, low {m['lo']}{unit_lo or unit}"


def _iso_datetime(m: re.Match[str]) -> str:
    """``2024-12-05T14:30:00Z`` (ISO 8601, as APIs and logs write it) -> "December fifth, twenty
    twenty-four at 14:30:00 UTC": the time is left for the time rule; an offset is read ("UTC
    minus five"), fractions of a second are not."""
    date = _date(m["y"], m["mo"], m["d"])
    if date is None:
        return m.group(0)
    zone = m["zone"] or ""
    if zone == "Z":
        zone = " UTC"
    elif zone:
        hours, minutes = int(zone[1:3]), int(zone[-2:])
        zone = (f" UTC {'plus' if zone[0] == '+' else 'minus'} {cardinal(hours)}"
                + (f" {cardinal(minutes)}" if minutes else ""))  # fmt: skip
    return f"{date} at {m['time']}{zone} "


_ZONE_WORDS = re.compile(r"\b(?:UTC|GMT|offsets?|time ?zones?|timezones?|ISO|timestamps?|"
                         r"Zulu)\b|\bZ\b", re.I)


def _utc_offset(m: re.Match[str]) -> str:
    """``+05:30`` -> "plus five thirty", ``+00:00`` -> "plus zero" where the text speaks of
    zones (UTC, an offset, a timestamp ... within 80 characters); right after a time with its
    seconds, ``14:30:00-05:00`` -> fourteen thirty UTC minus five (``22:00-06:00`` is a
    range). Elsewhere a signed ``+10:00`` is left (a race's gap is written so too)."""
    after_time = m.start() > 0 and m.string[m.start() - 1].isdigit()
    if not after_time and not _ZONE_WORDS.search(
            m.string, max(0, m.start() - 80), min(len(m.string), m.end() + 80)):
        return m[0]
    sign = "plus" if m["sign"] == "+" else "minus"
    minutes = f" {cardinal(int(m['m']))}" if m["m"] != "00" else ""
    return _spaced(f"{'UTC ' if after_time else ''}{sign} {cardinal(int(m['h']))}{minutes}")


_OPERATION_BEFORE = re.compile(r"\b(?:multiply|multiplied|divide|divided|scale|scaled)"
                               r"(?: (?!by\b)[\w'-]+){0,3} $", re.I)


def _date_after_cue(m: re.Match[str]) -> str:
    """``due 3/15`` -> due March fifteenth; not "by" after an operation, ``multiply by 9/5``,
    ``Divide it by 22/7`` (a fraction: were "September fifth", "slash")."""
    if (m[1][:2].lower() == "by"
            and _OPERATION_BEFORE.search(m.string, max(0, m.start() - 40), m.start())):
        return m[0]
    return f"{m[1]} " + (_month_and_day(m[2], m[3], m[1].endswith("day")) or f"{m[2]}/{m[3]}")


_POSITION_WORDS = ("step|page|question|slide|chapter|part|item|episode|round|level|stage|lesson|"
                   "module|task|phase|problem|exercise|game|track|day|week|tweet|post|lap|"
                   "attempt|trial|file|image|photo|card|video|scene|section|season|volume|book")
"""Words before which ``2/5`` is a position in a sequence: "Step 2/5" is step two of five."""


def _position(m: re.Match[str]) -> str:
    """``Step 2/5`` -> "Step two of five" (not "two fifths"); a first number past the
    second is no position, and is left to the fraction rules."""
    n, d = int(m["n"]), int(m["d"])
    if not 0 < n <= d:
        return m.group(0)
    return f"{m['cue']} " + _spaced(f"{cardinal(n)} of {cardinal(d)}")


def _feet_inches(m: re.Match[str]) -> str:
    """``6'2"`` -> "six feet two inches"; a height before its noun after "a", ``a 5'10"
    runner``, as it is said: "a five foot ten runner" (was "a five feet ten inches runner")."""
    feet, inches = int(m["ft"]), int(m["in"])
    if _after_article(m) and _NOUN_AFTER_UNIT.match(m.string, m.end()):
        return _spaced(f"{cardinal(feet)} foot {cardinal(inches)}")
    return _spaced(f"{cardinal(feet)} {'foot' if feet == 1 else 'feet'} "
                   f"{cardinal(inches)} inch{'' if inches == 1 else 'es'}")  # fmt: skip


_STANDINGS = re.compile(r"\bgames? (?:back|behind)\b|\bstandings\b|\bwild[- ]card\b|\bGB\s*\|"
                        r"|\b(?:\w+ )?seed\b|\bplayoffs?\b|\bfirst place\b",
                        re.I)  # fmt: skip
"""Words of a league's table near ``1.5 GB``: games back (``sits 1.5 GB of the 6th seed``)."""
_RECORD_BEFORE = re.compile(r"\b\d{1,3}-\d{1,3}(?:-\d{1,2})?\)?,?\s+$")
"""A win-loss record just before ``9.5 GB``, or a word of standings near it (200 characters
either side: a whole text's search for each of many GB would take quadratic time): games back."""


_STORAGE_AFTER = re.compile(r" (?:of )?(?:disk|storage|RAM|VRAM|memory|space|data|free|download|"
                            r"files?|SSD|drive|cache|swap)\b")


def _games_back(m: re.Match[str]) -> str:
    """``9.5 GB`` after a record (``Nuggets 48-25, 9.5 GB``) or in standings -> "nine and a
    half games back"; ``2.5 games back`` -> "two and a half games back" (``1.5 games behind the
    Kings``: behind, was "back the Kings"); before "behind" (``3.5
    GB behind Denver``) "three and a half games" (was "gigabytes"); else left (gigabytes)."""
    behind = not m["games"] and m.string.startswith(" behind ", m.end())
    if not m["games"] and _STORAGE_AFTER.match(m.string, m.end()):
        return m[0]  # 1.5 GB of disk, by a table's games: gigabytes
    if not (m["games"] or behind or _RECORD_BEFORE.search(m.string, max(0, m.start() - 16), m.start())
            or _STANDINGS.search(m.string, max(0, m.start() - 200), m.end() + 200)):
        return m[0]
    n = int(m["n"] or "0")
    count = (f"{cardinal(n)} and a half" if n else "a half") if m["half"] else cardinal(n)
    word = "" if behind else " behind" if (m["games"] or "").endswith("behind") else " back"
    return _spaced(f"{count} game{'' if n == 1 and not m['half'] else 's'}{word}")  # games behind: kept


def _tiebreak(m: re.Match[str]) -> str:
    """A tennis set won or lost in a tiebreak, with the loser's points: ``7-6(5)`` -> "7-6
    (tiebreak 7-5)", ``6-7(3)`` -> "6-7 (tiebreak 3-7)", read as scores next."""
    first, second, lost = (m[1], m[2], int(m[3])) if m[1] else (m[4], m[5], int(m[6]))
    games, won = f"{first}-{second}", max(7, lost + 2)
    points = f"{won}-{lost}" if first == "7" else f"{lost}-{won}"
    return f"{games} (tiebreak {points})"


def _times_amount(m: re.Match[str]) -> str:
    """A count of things of one weight or volume: ``2 x 500 mg tablets`` -> "two 500 mg
    tablets" (each a five hundred milligram tablet), and without a noun after it ``1 x 23
    kg`` -> "1 by 23 kg" (was "one times twenty-three kilograms"; as ``4 x 100m`` is said)."""
    if _NOUN_AFTER_UNIT.match(m.string, m.end("unit")):
        return f"{cardinal(int(m['n']))} "
    return f"{m['n']} by "


_CAMERA_WORDS = re.compile(r"\b(?:cameras?|sensors?|lens(?:es)?|photos?|selfies?|telephoto|"
                           r"ultra-?wide|wide-angle|megapixels?|shooters?|webcams?|zoom|"
                           r"resolution|images?|pictures?)\b", re.I)  # fmt: skip
"""Words of photography, in a text where ``48MP`` is megapixels (not a game's magic points)."""


@functools.lru_cache(maxsize=4)
def _has_camera(text: str) -> bool:
    return _CAMERA_WORDS.search(text) is not None


def _megapixels(m: re.Match[str]) -> str:
    """``a 48MP camera`` -> a forty-eight megapixel camera, ``12 MP`` -> twelve megapixels."""
    if not _has_camera(m.string):
        return m[0]
    singular = m[1] == "1" or _NOUN_AFTER_UNIT.match(m.string, m.end()) is not None
    return _spaced(f"{read_number(m[1], False)} megapixel{'' if singular else 's'}")


_SIZED_THINGS = ("box|boxe|carton|crate|package|parcel|envelope|mailer|pallet|bag|rug|mat|carpet|"
                 "pan|dish|dishe|tray|casserole|skillet|ramekin|joist|rafter|header|stringer|"
                 "framing|lumber|"
                 "print|photo|picture|frame|poster|canvas|card|sign|banner|sheet|tarp|tile|panel|"
                 "board|plank|beam|stud|sticker|label|room|shed|unit|bed|mattress|cushion|"
                 "pillow|towel|blanket|window|door|mirror|grid|matrix|matrice|kernel|cube|array")  # fmt: skip
"""Things whose size is written ``10x12`` (ten by twelve): a 3x3 grid, a 2x2 matrix, a 3 x 3
kernel, a baking pan or dish (``a 9x13 pan`` -> a nine by thirteen pan)."""


_EXERCISES = ("squats?|push-?ups?|pull-?ups?|chin-?ups?|sit-?ups?|lunges?|crunches|burpees?|"
              "deadlifts?|presses|press|curls?|dips|(?:barbell|dumbbell|cable|bent-over|seated|upright) "
              "rows|planks?|step-?ups?|leg raises|calf raises|tricep extensions|flyes|flys|thrusters|"
              "box jumps|snatches|hip thrusts?|"
              "bench(?: press)?|kettlebell swings|mountain climbers|jumping jacks")  # fmt: skip
"""Exercises counted in sets and reps: ``3×10 squats`` is three sets of ten squats."""
_FOOTBALL_WORDS = re.compile(r"\b(?:goals?|goalscorers?|penalty|pen|assists?|header|"
                             r"equali[sz](?:er|ed|es|ing)|brace|hat-trick|yellow|red card|booked|"
                             r"sent off|subbed|substitut\w*|kick-?off|half-?time|stoppage|injury time|"
                             r"scor(?:ed|es|ing) (?:at|in|on|after)|netted|nets|striker|winger|midfielder|"
                             r"goalkeeper|keeper|referee|VAR|offside|free[- ]kick|corner kick|"
                             r"(?:first|second) half|(?-i:FT|HT|OG)|"
                             r"match(?:es)?|games?|fixtures?|derby|scorelines?|score|level|led|"
                             r"lead(?:s|ing)?|trail(?:s|ed|ing)?)\b|⚽", re.I)  # fmt: skip
"""Words that make ``23'`` a match's minute (not feet) in the same sentence ("scored" alone is
also a rating's, "minute" a length's: neither is one; "scored at", "scored in" are a goal's;
a match, a game, a score, a side level, leading or trailing: ``The score was 2-1 at 61'``)."""
_FOOTBALL_REACH = 80
"""Characters either side of a mark in which a football word counts."""
_NAME_BEFORE = re.compile(r"(?:^|[\s(,;])(?P<name>[A-Z][\w'.-]*[a-zà-ÿ]) \(?$")
_MEASURED_NAMES = frozenset(
    "Kitchen Bedroom Bathroom Bath Living Dining Family Great Room Rooms Garage Office Den Closet "
    "Hall Hallway Foyer Entry Porch Deck Patio Yard Lot Loft Attic Basement Pantry Laundry Studio "
    "Master Primary Guest Nursery Suite Pool Shed Barn Ceiling Ceilings Height Width Length Depth "
    "Wall Walls Door Window Fence Ladder Boat Tree Pole Span Beam Tall Wide Long Deep High Max Min "
    "Total Overall Approx About Around Under Over Only Just Nearly Almost Each "
    # words of a product's name, no player's: a ladder, a boat, a trailer by its length
    "Giant Pro Plus Ultra Mini Series Model Classic Deluxe Extension Step Stepladder Trailer "
    "Kayak Canoe Yacht Pontoon Sailboat Cruiser Truck Container Hose Cable Cord Rope".split())
"""Capitalised words before a feet mark that name what is measured: ``Kitchen 12'`` is feet,
``Salah 23'`` a match's minute; so are a product's (``Little Giant 22'``: a ladder)."""
_STOPPAGE_TIME = re.compile(r"(?<![\w.'\"+])\d{2,3}\+\d{1,2}'(?![\w'\"])")
"""A minute of stoppage time (``90+3'``): a text with one is a match's, and its other marks
after a name are minutes too."""


@functools.lru_cache(maxsize=8)
def _has_stoppage_time(text: str) -> bool:
    return _STOPPAGE_TIME.search(text) is not None
_MINUTE_MARK = re.compile(r"(\d{1,3})(?:\+(\d{1,2}))?'")
_NOT_A_MINUTE_AFTER = re.compile(r"\s?[x×]\s?\d|\s?\d|\"|\s(?!(?:and|or|to|in|on|at|of|for|with|from|"
                                 r"after|before|but|as|was|is|when|while|then)\b)[a-z]")  # fmt: skip
"""After feet, not a minute: 12' x 15', 5' 11", a 6' ladder."""
_CLAUSE_ENDS = re.compile(r"\s*(?:$|[.,;:!?)\]]|and\b|&)")
"""After a name's lone mark, what ends it as a scorer's minute: ``Salah 23'.``, ``Salah 23' and
Núñez 67'`` (not ``Tom 6' tall``)."""
_MINUTE_AFTER = re.compile(r"\s(?:minute|min)\b")
"""``the 23' minute``: the twenty-third minute (was "twenty-three foot minute")."""


def _match_minutes(m: re.Match[str]) -> str:
    """A football match's minutes: ``Salah 23', 67'`` -> Salah minute twenty-three, minute
    sixty-seven; ``90+2'`` (stoppage time) -> minute ninety plus two; ``scored in the 23'`` ->
    scored in the twenty-third minute (were feet; "in minute twenty-three" until round 31, which
    drops the "the" a commentator says). A mark is a minute where stoppage time is
    added, or, with nothing after it that feet describe, after a player's name in a list or
    brackets, after "in the", "at the" ..., or near a football word (``_FOOTBALL_WORDS``);
    otherwise it is left for the feet rule."""
    marks = _MINUTE_MARK.findall(m["marks"])
    if any(int(n) > 130 for n, _ in marks) or _quote_open_before(m.string, m.end() - 1, "'"):
        return m[0]
    if len(marks) == 1 and not marks[0][1] and _MINUTE_AFTER.match(m.string, m.end()):
        return (f"{m['prep']} the " if m["prep"] else "") + ordinal(int(marks[0][0]))  # 23' minute
    if m["prep"] and len(marks) == 1 and not marks[0][1] and not _NOT_A_MINUTE_AFTER.match(m.string, m.end()):
        return f"{m['prep']} the {ordinal(int(marks[0][0]))} minute"  # in the 61': sixty-first
    if not any(extra for _, extra in marks):
        if _NOT_A_MINUTE_AFTER.match(m.string, m.end()):
            return m[0]
        name = _NAME_BEFORE.search(m.string, max(0, m.start() - 30), m.start())
        named = name is not None and name["name"] not in _MEASURED_NAMES
        listed = (len(marks) > 1 or m.string[m.end() : m.end() + 1] == ")"
                  or (m.start() > 1 and m.string[: m.start()].rstrip().endswith("("))
                  or _has_stoppage_time(m.string)  # Ronaldo 88', Benzema 90+3'
                  or _CLAUSE_ENDS.match(m.string, m.end()) is not None)  # Salah 23'

        near = m.string[max(0, m.start() - _FOOTBALL_REACH) : m.end() + _FOOTBALL_REACH]
        if not (m["prep"] or (named and listed) or _FOOTBALL_WORDS.search(near)):
            return m[0]
    minutes = ", ".join(f"minute {cardinal(int(n))}" + (f" plus {cardinal(int(extra))}" if extra
                                                        else "") for n, extra in marks)  # fmt: skip
    return (f"{m['prep']} " if m["prep"] else "") + _spaced(minutes)


def _named_chain(m: re.Match[str]) -> str:
    """A name's numbers after hyphens, where they are no range: ``Llama-3-70B`` (a model's
    size after them), ``ISO-8859-1`` (the second smaller); ``press-784-786`` stays a range."""
    if m["size"] or float(m["b"]) < float(m["a"]):
        return m[0][: m.start("b") - m.start() - 1] + " " + m[0][m.start("b") - m.start() :]
    return m[0]


_STANDARD_BODIES = ("ISO/IEC", "ISO", "IEC", "IEEE", "RFC", "ANSI", "ASTM", "DIN", "EN", "BS", "ECMA")


def _standard(m: re.Match[str]) -> str:
    """A standard's number: ``ISO-8859-1`` -> "ISO eighty-eight fifty-nine dash one", ``ISO
    9001:2015`` -> "ISO ninety oh one, twenty fifteen", ``IEC 61131-3`` (the number as a
    model's, in pairs up to four digits; a part after a hyphen, the edition's year after a
    colon or a four-digit part: was "eight thousand ... to one", "ninety oh one: twenty
    fifteen", "twenty-seven thousand one to twenty twenty-two")."""
    number = m["num"]
    words = _code_number(number) if len(number) <= 4 else cardinal(int(number))
    for part in m["parts"].split("-")[1:]:
        words += f" dash {year(int(part)) if len(part) == 4 else cardinal(int(part))}"
    if m["year"]:
        words += f", {year(int(m['year']))}"
    return f"{m['body'].replace('/', ' ')} " + _spaced(words)


def _cve(m: re.Match[str]) -> str:
    """``CVE-2024-3094`` -> "C V E twenty twenty-four, three zero nine four": its year as a
    year, its number digit by digit (was "two zero two four" and the number spelled)."""
    return _spaced(f"C V E {year(int(m[1]))}, {digits(m[2])}")


_WHOLE_JUST_BEFORE = re.compile(r"(?<![\w/.,-])[1-9]\d?$")


def _mixed_number_hyphen(m: re.Match[str]) -> str:
    """The hyphen of ``1-1/2 cups`` joins a whole number and a proper fraction: one and one
    half (was "one to one half"; a range would not fall to a half). The rule looks for the
    hyphen, then for the whole number before it."""
    if not 0 < int(m[1]) < int(m[2]) or m[2] not in ("2", "3", "4", "8", "16"):
        return m[0]
    if _WHOLE_JUST_BEFORE.search(m.string, max(0, m.start() - 3), m.start()) is None:
        return m[0]
    return " "


_YEAR_JUST_BEFORE = re.compile(r"(?<![\w.])(?:19|20)\d\d ?$")


def _to_present(m: re.Match[str]) -> str:
    """A year to this day: ``2020–present`` -> "twenty twenty to present" (was "twenty twenty,
    present"); the rule looks for the dash after a digit, then for the year before it."""
    if _YEAR_JUST_BEFORE.search(m.string, max(0, m.start() - 6), m.start()) is None:
        return m[0]
    return " to "


def _pace(m: re.Match[str]) -> str:
    """A runner's pace, minutes and seconds per kilometer or mile, as runners say it:
    ``4:45/km`` -> "four forty-five per kilometer", ``5:00/mi`` -> "five minutes per mile"."""
    said = _pace_said(int(m[1]), int(m[2]))
    return _spaced(f"{said} per {'mile' if m[3].startswith('mi') else 'kilometer'}")


def _pace_said(minutes: int, seconds: int) -> str:
    return (f"{cardinal(minutes)} minute{'' if minutes == 1 else 's'}" if seconds == 0
            else f"{cardinal(minutes)} {'oh ' if seconds < 10 else ''}{cardinal(seconds)}")


_COMPASS = {"N": "north", "S": "south", "E": "east", "W": "west"}


def _coordinate(m: re.Match[str]) -> str:
    """A latitude or longitude: ``40.7128° N`` -> "forty point seven one two eight degrees
    north", ``40°42'46"N`` -> "forty degrees forty-two minutes forty-six seconds north" (were
    "degrees N", and the minutes and seconds feet and inches)."""
    words = f"{read_number(m['deg'], False)} degree{'' if m['deg'] == '1' else 's'}"
    for part, unit in ((m["min"], "minute"), (m["sec"], "second")):
        if part:
            whole = part.lstrip("0")  # 00, 01.5: zero, one point five
            said = read_number(whole if whole[:1].isdigit() else "0" + whole, False)
            words += f" {said} {unit}{'' if said == 'one' else 's'}"
    direction = m["dir"] or m["dir2"]
    return _spaced(words + (f" {_COMPASS[direction]}" if direction else ""))


_FILES = re.compile(r"\b(?:chmod|chown|files?|keys?|director(?:y|ies)|folders?|ssh|permissions|"
                    r"owner|read|write|executable)\b|~/|\.pem\b|\bid_[a-z]", re.I)
"""A text that speaks of files, where "mode 600" is a file's (digit by digit)."""
_OPTION_SIZE = re.compile(r"(?P<opt>(?<![\w-])--[a-z][\w-]*=|(?:(?<![\w-])-|\bdash )X(?:mx|ms|ss)"
                          r"|\b(?:mem[_ ]limit|mem[_ ]reservation|memswap[_ ]limit|shm[_ ]size|memory): ?)"
                          r"(?P<n>\d{1,6}(?:\.\d{1,3})?)(?P<u>[kmgtKMGT])(?![\w-]|\.\d)")
"""A size of memory as a command's option takes it, in bytes with a letter: ``--memory=2g``,
``--shm-size=512m``, a JVM's ``-Xmx4g``, a Compose file's ``mem_limit: 512m``."""
def _option_dash(option: str) -> str:
    """A JVM's ``-Xmx`` read with its dash, outside code as inside it: "dash Xmx" (the dash was
    lost where no backticks marked the option)."""
    return f" dash {option[1:]}" if option.startswith("-X") else option


_OPTION_UNITS = {"k": "kilobyte", "m": "megabyte", "g": "gigabyte", "t": "terabyte"}


def _config_size(m: re.Match[str]) -> str:
    """``SystemMaxUse=500M`` -> "... 500 megabytes" where the key is a setting's (after "=",
    or a name in camel or snake case); not before a noun (``cache_size 5M entries``)."""
    key = m["key"]
    setting = "=" in m["sep"] or "_" in key or re.search(r"[a-z][A-Z]", key) is not None
    if not setting or _NOUN_AFTER_UNIT.match(m.string, m.end()):
        return m[0]
    return f"{key}{m['sep']}{m['n']} {_OPTION_UNITS[m['u'].lower()]}{'' if m['n'] == '1' else 's'}"
_CONFIG_SIZE = re.compile(r"\b(?P<key>[A-Za-z_]*(?i:size|use|mem|memory|limit|buffers?|cache|heap|"
                          r"disk|storage|keep|free)[A-Za-z_]*)(?P<sep> ?[=:] ?| )(?P<n>\d{1,6})"
                          r"(?P<u>[KMGT])\b(?![.,]\d)")
"""A size in bytes as a setting's value, the key naming memory or storage: journald's
``SystemMaxUse=500M``, nginx's ``client_max_body_size 10M`` (were "five hundred million")."""
_SPAN_BEFORE_SLASH = re.compile(r"\b(?:nights?|days?|weeks?|hours?)$")
"""A span of time before ``/4 days``: a stay's nights and days, not a count per days."""


_NUMBERS: list[Rule] = [
    # a ratio of parts, a spaced colon between them: 1 part bleach : 10 parts water (was a
    # pause, "bleach: ten parts")
    Rule(re.compile(r"\b(parts? [A-Za-z]+(?: [A-Za-z]+)?) : (?=\d[\d.]* parts?\b)"),
         r"\1 to ", needs=(" : ",)),
    # a percentage's trailing zeros are not said: 5.50% (was "five point five zero percent"),
    # 4.00% -> four percent; a decimal's places elsewhere may be its precision, 3.10 m
    Rule(re.compile(r"(?<![\d.,])(\d+)(?:(\.\d*[1-9])|\.)0+(?= ?%)"), r"\1\2",
         needs=("%",)),
    # a chemical equation's arrow: 2H2 + O2 → 2H2O (was "to"), N2 + 3H2 ⇌ 2NH3 (was dropped)
    Rule(_CHEMICAL_EQUATION, _chemical_equation, needs=("→", "->", "⟶", "⇌")),
    # choices of three or more numbers, spaced slashes between them, before their noun or unit:
    # 1 / 2 / 3 bedrooms, 8 / 16 / 32 GB (were "one divided by two divided by three"); not in
    # an equation's line nor after an operator: 120 / 2 / 3 = 20 divides
    Rule(_NUMBER_CHOICES, _number_choices, needs=(" / ",)),
    # a rate per dollar: ¥151.9/$ (was "one hundred fifty-one point nine yen", the slash and
    # the dollar dropped)
    Rule(re.compile(r"(?<=\d)/\$(?![\w$])"), " per dollar", needs=("0/$",)),
    # a port after a client's -p, in pairs as "port 5432" is: psql -p 5432 (was "five thousand
    # four hundred thirty-two")
    Rule(re.compile(r"(?<=\bdash p )(\d{4})(?![\d:]|\.\d)"),
         lambda m: _spaced(_in_pairs(int(m[1]))), needs=("dash p 0",)),
    # a size in bytes as a setting's value: SystemMaxUse=500M (was "five hundred million")
    Rule(_CONFIG_SIZE, _config_size, needs=("0K", "0M", "0G", "0T")),
    # a player's shots made of those taken: 12/21 shooting, 4/6 from three (was "December
    # twenty-first shooting"): twelve for twenty-one, as "3-for-4" is read
    Rule(re.compile(r"(?<![\w./-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?= (?:shooting|from (?:the field|three|"
                    r"deep|the floor|the line|the free-throw line|beyond the arc|3)|FG|3PT|3-point)\b)"),
         lambda m: _spaced(f"{cardinal(int(m['a']))} for {cardinal(int(m['b']))}")
         if int(m["a"]) <= int(m["b"]) else m[0], needs=("0/0",)),  # fmt: skip
    # ... and with a hyphen before the shot's kind: 14-28 FG, 5-9 3PT, 7-7 FT (were "fourteen to
    # twenty-eight FG")
    Rule(re.compile(r"(?<![\w./-])(?P<a>\d{1,2})-(?P<b>\d{1,2})(?= (?:FG|3PT|3P|3-pt|FT|from three|"
                    r"from deep|from the field|from the line|shooting)\b)"),
         lambda m: _spaced(f"{cardinal(int(m['a']))} for {cardinal(int(m['b']))}")
         if int(m["a"]) <= int(m["b"]) else m[0],
         needs=("0 FG", "0 0P", "0 FT", "0 from", "0 shoot", "0 0-pt")),
    # a team's record after "are", "went", "improved to" ... where the text speaks of a season:
    # the Lakers are 38-29 (was "thirty-eight to twenty-nine"): thirty-eight and twenty-nine
    Rule(re.compile(r"\b(?P<cue>(?:are|were|went|improved to|fell to|dropped to|moved to|record of|"
                    r"record to|record is|record was) )(?P<a>\d{1,3})-(?P<b>\d{1,3})"
                    r"(?=[,.;:)]|$| (?:on the season|this season|overall|at home|on the road"
                    r"|in \d{4}\b|in (?:the|their|"
                    r"conference|division|league)|and|with|since|after|against|record)\b)"
                    r"|(?<![\w.,/-])(?P<c>\d{1,3})-(?P<d>\d{1,3})(?= record\b)"
                    r"|(?<=s \()(?P<e>\d{1,2})-(?P<f>\d{1,2})(?=\))"), _record,
         needs=("0-0",)),  # fmt: skip
    # innings pitched in thirds: 6.2 IP, 7.1 innings (were "six point two IP"): six and two
    # thirds innings pitched
    Rule(re.compile(r"(?<![\w.,])(?P<n>\d{1,3})(?:\.(?P<f>[012]))? (?:(?P<ip>IP)|innings)\b"
                    r"(?! address| camera| phone)"), _innings, needs=("0 IP", "0 innings")),
    # two weights of one kind offered, a man's and a woman's: 24/16 kg kettlebells, 95/65 lb
    # thrusters (was "twenty-four slash sixteen kilograms"): twenty-four or sixteen kilogram
    Rule(re.compile(r"(?<![\w./-])(?P<a>\d{1,3})/(?P<b>\d{1,3}) ?(?=(?:kg|lbs?|pood)\b)"),
         _weights_or, needs=("0/0",)),
    # half a point: a 3.5-point favorite, 2.5 points (was "three point five point"): three and a
    # half point
    Rule(re.compile(r"(?<![\w.,$€£¥₹-])(?<![$€£¥₹] )(?P<n>\d{1,2})\.5(?:-|(?P<s> ))(?P<p>points?)\b"),
         lambda m: (m[0] if m["s"] else f"half {m['p']}") if m["n"] == "0" else
         f"{cardinal(int(m['n']))} and a half {m['p']}", needs=(".0-point", ".0 point")),
    # metric tonnes where the sentence weighs something: weighs ~60 t (was "sixty t")
    Rule(re.compile(r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?) t(?=[\s,;)]|\.(?!\w)|$)"),
         lambda m: _spaced(f"{read_number(m['n'], False)} tonne{'' if m['n'] == '1' else 's'}")
         if _WEIGHT_BEFORE.search(m.string, max(0, m.start() - 40), m.start()) else m[0],
         needs=("0 t",)),
    # a warranty's years and miles: 8-yr/100k-mi (was "eight years slash one hundred thousand
    # -mi"): eight year, one hundred thousand mile
    Rule(re.compile(r"(?<![\w.])(?P<y>\d{1,2})-(?:yr|year)/(?P<m>\d{1,3}(?:,\d{3})+|\d{1,3}k)-"
                    r"(?:mi|mile)\b"),
         lambda m: _spaced(f"{cardinal(int(m['y']))} year, "
                           + (f"{cardinal(int(m['m'][:-1]))} thousand" if m["m"].endswith("k")
                              else read_number(m["m"], False)) + " mile"),
         needs=("0-yr/", "0-year/")),
    # children under an age: under-7s (was "under seven s"): under-sevens
    Rule(re.compile(r"\b([Uu]nder|[Oo]ver)-(\d{1,2})s\b"),
         lambda m: f"{m[1]}-{_plural(cardinal(int(m[2])))}", needs=("er-0",)),
    # a processor's cores and threads: 8C/16T (was "eight C sixteen T")
    Rule(re.compile(r"(?<![\w.])(\d{1,3})C/(\d{1,3})T\b"),
         lambda m: _spaced(f"{cardinal(int(m[1]))} cores, {cardinal(int(m[2]))} threads"),
         needs=("0C/0",)),
    # millions and billions of years: 2.5 Myr, 4.5 Gyr (were "Myr")
    Rule(re.compile(r"(?<=\d) ?(?P<u>kyr|Myr|Gyr)\b"),
         lambda m: " " + {"kyr": "thousand", "Myr": "million", "Gyr": "billion"}[m["u"]] + " years",
         needs=("kyr", "Myr", "Gyr")),
    # units of insulin: Total: 8 U, 10 U of Lantus (was "eight U"), where the text speaks of it
    Rule(re.compile(r"(?<=\d) U\b(?![\w'-]|\.\w)"),
         lambda m: m[0] if not _INSULIN_WORDS.search(m.string) else " unit" if re.search(
             r"(?<![\d.,])1$", m.string[max(0, m.start() - 3) : m.start()]) else " units",
         needs=("0 U",)),  # fmt: skip
    # a rest between intervals in minutes or seconds marks: w/ 2' rest, 90" recovery (were
    # "two feet rest", "ninety inches"): two minute rest, ninety second recovery
    Rule(re.compile(r"(?<![\w.'\"])(?P<n>\d{1,3})(?P<mark>['\"])(?= (?:rest|recovery|jog|walk|"
                    r"break|float|easy|between (?:sets|reps|rounds|intervals|efforts))\b)"),
         lambda m: _spaced(f"{cardinal(int(m['n']))} "
                           f"{'minute' if m['mark'] == chr(39) else 'second'}"
                           f"{'s' if m.string.startswith(' between', m.end()) else ''}"),
         needs=("0' ", '0" ')),
    # Wi-Fi channels joined by slashes: 1/6/11 (was "January sixth, twenty eleven")
    Rule(re.compile(r"(?<![\w/.])(\d{1,3})/(\d{1,3})/(\d{1,3})(?![\w/]|[.,]\d)"),
         lambda m: f"{m[1]}, {m[2]}, {m[3]}" if _CHANNEL_BEFORE.search(
             m.string, max(0, m.string.rfind(". ", 0, m.start()), m.start() - 60), m.start())
         else m[0], needs=("0/0",)),  # fmt: skip
    # a rating in chess, said in pairs: a peak rating of 2882, FIDE requires 2500+ (were
    # "two thousand eight hundred eighty-two")
    Rule(re.compile(r"(?P<cue>\b(?:[Rr]atings?|Elo|ELO|FIDE|rated)\b[^.\d\n]{0,25}?)(?<![\w.,-])"
                    r"(?P<n>[1-3]\d{3})(?![\d,]|[.\-–/x×:]\d|\s?[A-Z%°]"
                    r"|\s?(?:kg|lbs?|mg|g|m|km|mi|ft|mm|cm|mAh|kW|hp|rpm|psi)\b)"),  # 1500 W
         lambda m: m["cue"] + _spaced(cardinal(int(m["n"])) if m["n"].endswith("000")
                                      else _in_pairs(int(m["n"]))),
         needs=("ating", "Elo", "ELO", "FIDE", "rated")),
    # "sub-20 min", a sub-3 marathon: "sub twenty" (the hyphen was left before the number)
    Rule(re.compile(r"\b([Ss]ub)-(?=\d)"), r"\1 ", needs=("ub-0",)),
    # a betting line's over/under: O/U 41.5 (was "O U")
    Rule(re.compile(r"\bO/U\b"), "over under", needs=("O/U",)),
    # a length along a run of trim or caulk: 30 linear ft (was "linear ft")
    Rule(re.compile(r"(?<=\d )(linear|lineal|running) (?:(ft|feet)|(m|meters?)|(yd|yards?))(?:\.(?=[ \t]+[a-z]|,))?(?!\w)"),
         lambda m: f"{m[1]} {'feet' if m[2] else 'meters' if m[3] else 'yards'}",
         needs=("0 linear", "0 lineal", "0 running")),
    # a race's gap or time in minutes and seconds, as cycling writes them: 4h 12' 33", 1'08"
    # ahead (were feet and inches): twelve minutes and thirty-three seconds
    Rule(re.compile(r"(?<![\w.'])(?P<m>\d{1,2})' ?(?P<s>[0-5]\d)\"(?!\w)"), _race_gap, needs=("0'",)),
    # a consumption per a hundred of a distance: 25 kWh/100 mi, 6.5 L/100 km (were "slash")
    Rule(re.compile(r"(?<=[A-Za-z])/(?=100\s?(?:km|mi|miles?|kilomet(?:er|re)s?)\b)"), " per ",
         needs=("/",)),
    # a sign joined to an amount in prose is "more than": "Rest for >60 min.", "(>90%)" (was
    # "greater than", a comparison's; "x > 60", "x>60" and a formula's ">100" stay)
    Rule(re.compile(r"(?:(?<=[a-z]{2} )|(?<=[a-z]: )|(?<=\())>(?=[$€£¥]?\d)"), "more than ",
         needs=(" >", "(>")),
    # five digits or more joined to a lowercase name, an identifier's: ed25519, id_ed25519,
    # curve25519, user12345 (were "ed twenty-five thousand five hundred nineteen"; not x25519,
    # 0x1F2E3D4C5, a single letter's)
    Rule(re.compile(r"(?<![\w.])((?:[A-Za-z]+_)*[a-z]{2,})(\d{5,})(?!\d|[.,–-]\d|%)"),
         lambda m: f"{m[1]} {digits(m[2])} ", needs=("00000",)),
    # a size of memory as an option's value: --memory=2g, -Xmx512m (were "two grams", "five
    # hundred twelve meters")
    Rule(_OPTION_SIZE, lambda m: f"{_option_dash(m['opt'])}{'' if m['opt'][-1] in '= ' else ' '}{m['n']} "
         f"{_OPTION_UNITS[m['u'].lower()]}"
         + ("" if m["n"] == "1" else "s"), needs=("--", "-Xm", "-Xs", "dash Xm", "dash Xs", "mem", "shm")),
    # two amounts of money joined by a slash: $1,600/$3,200 (self/family), $25/$50 copays (was
    # "... dollars fifty dollars", the slash dropped: neither "or" nor "per" is right of all)
    Rule(re.compile(r"(?<=\d)/(?=(?:US|CA|C|AU|A|NZ|HK|SG|S|MX|R)?\$\d|[€£¥₹₩₽]\d)"), " slash ",
         needs=("0/",)),
    # a lithium cell's size, its diameter and length, and a count of them: 2x 18650 cells -> two
    # eighteen six fifty cells, 21700s (were "two times eighteen thousand six hundred fifty")
    Rule(re.compile(rf"(?<![\w.,])(?:(?P<count>\d{{1,2}})[x×] )?(?={_CELL_SIZE})(\d\d)(\d{{3}})(s?)"),
         _cell_size, needs=("00",)),
    # a variable over a number, or one over a variable: n/2, k/3, 1/n (was "n two", the slash
    # dropped; w/ is "with")
    Rule(re.compile(r"(?<![\w/.])(?<!\d )(?:([a-vx-z])/(\d{1,3})|(\d{1,3})/([nx]))(?![\w/]|\.\d)"),
         lambda m: f"{m[1] or m[3]} over {m[2] or m[4]}", needs=("/0", "0/")),
    # a range written as code writes it: 0..n-1, 1..10, 0..=255 (was "zero..n", "one. point one
    # zero"); a number on one side at least (git's main..feature is no range of numbers); with
    # three dots between numbers too, 1...10, 0...n (was "one.. point one zero"; "wait...10"
    # and "5... 4... 3" stay an ellipsis)
    Rule(re.compile(r"(?<![\w.])(?:(?P<a>\d{1,9})\.\.=?(?=[A-Za-z_]\w{0,30}(?![\w.])|\d)"
                    r"|(?P<b>[A-Za-z])\.\.=?(?=\d{1,9}(?![\d.]))"
                    r"|(?P<c>\d{1,9})\.\.\.(?=\d{1,9}(?!\d|\.\d)|[nNk](?!\w|\.\w)))"),
         lambda m: f"{m['a'] or m['b'] or m['c']} to ", needs=("..",)),
    # a UPS's rating, its apparent and real power: 1500VA/900W (was "... volt-amp slash nine
    # hundred watts"): "fifteen hundred volt-amp, nine hundred watt" before its noun
    Rule(re.compile(r"(?<![\w.,])(?P<va>\d{3,5}) ?VA ?/ ?(?P<w>\d{2,5}) ?W\b(?![/-])"),
         lambda m: _spaced(f"{_in_pairs(int(m['va'])) if int(m['va']) % 100 == 0 and int(m['va']) % 1000 else cardinal(int(m['va']))} "
                           f"volt-amp{'' if _NOUN_AFTER_UNIT.match(m.string, m.end()) else 's'}, "
                           f"{cardinal(int(m['w']))} watt{'' if _NOUN_AFTER_UNIT.match(m.string, m.end()) else 's'}"),
         needs=("VA",)),
    # a spreadsheet's whole columns in a formula's arguments: =XLOOKUP(A2, B:B, C:C), Sheet2!A:C
    # (were "B:B", read as it stands); a sheet's name before its cells, Sheet2!A1 (the "!" was
    # an exclamation): a pause
    Rule(re.compile(r"(?<=\w)!(?=\$?[A-Z]{1,3}(?:\$?\d{1,7}(?:[:,)\s]|$)|:\$?[A-Z]))"), ", ", needs=("!",)),
    Rule(re.compile(r"(?:(?<=[(,])|(?<=, ))\$?([A-Z]{1,3}):\$?([A-Z]{1,3})(?=\s*[,)])"), r"\1 to \2",
         needs=(":",)),
    # an absolute reference to a cell: $A$1, Data!$B$2 (was "one Australian dollar")
    Rule(re.compile(r"(?<![\w$])\$([A-Z]{1,3})\$(\d{1,7})(?![\w.,:]\d|[\w:])"), r"\1\2", needs=("$",)),
    # a spreadsheet's range of cells: A1:A10, =SUM($B$2:D10) (was "A one:A ten")
    Rule(re.compile(r"(?<![\w:$.])\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})(?![\w:]|[.,]\d)"),
         r"\1\2 to \3\4", needs=("0:",)),
    # Kubernetes' quantities: 256Mi, 2Gi (mebibytes, gibibytes; were "Mi", "Gi") and a CPU's
    # thousandths, 250m CPU, cpu: 500m (millicores; were "meters")
    Rule(re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti)\b(?![-/]\w)"), r"\1\2B",
         needs=("0Ki", "0Mi", "0Gi", "0Ti")),
    Rule(re.compile(r"(?<![\w.,])(\d{1,6})m(?=\s+v?CPUs?\b)"
                    r"|(?<=[Cc][Pp][Uu]: )([\"']?)(\d{1,6})m\b(?![.,]\d)"),  # its quote kept
         lambda m: (m[2] or "") + _spaced(f"{cardinal(int(m[1] or m[3]))} millicore"
                                          f"{'' if (m[1] or m[3]) == '1' else 's'}"),
         needs=("0m",)),
    # a runner's pace: 4:45/km, 7:30/mi (was "four forty-five km", the slash dropped)
    # a range of paces, the first without its unit: 5:30–5:50/km (was "five thirty, five fifty")
    Rule(re.compile(r"(?<![\w:.])(\d{1,2}):([0-5]\d)\s?[-–]\s?(?=\d{1,2}:[0-5]\d/(?:km|mi|mile|k)\b(?!/))"),
         lambda m: _pace_said(int(m[1]), int(m[2])) + " to ", needs=(":00/",)),
    Rule(re.compile(r"(?<![\w:.])(\d{1,2}):([0-5]\d)/(km|mi|mile|k)\b(?!/)"), _pace, needs=(":00/",)),
    # a latitude or longitude: 40.7128° N, 40°42'46"N (were "degrees N", feet and inches)
    Rule(re.compile(r"(?<![\w.])(?P<deg>\d{1,3}(?:\.\d+)?)°\s?(?:(?P<min>\d{1,2}(?:\.\d+)?)'\s?"
                    r"(?:(?P<sec>\d{1,2}(?:\.\d+)?)(?:\"|'')\s?)?(?P<dir>[NSEW])?|(?P<dir2>[NSEW]))(?!\w)"),
         lambda m: _coordinate(m) if m["min"] or m["dir2"] else m[0], needs=("°",)),
    # a football match's minutes: Salah 23', 67'; 90+2'; scored in the 23' (were feet)
    Rule(re.compile(r"(?:\b(?P<prep>[Ii]n|[Aa]t|[Bb]y|[Ff]rom|[Uu]ntil|[Aa]fter|[Bb]efore|[Ss]ince) the )?"
                    r"(?<![\w.'\"+])(?P<marks>\d{1,3}(?:\+\d{1,2})?'(?:, ?\d{1,3}(?:\+\d{1,2})?')*)"
                    r"(?![\w'\"])"),
         _match_minutes, needs=("0'",)),
    # a network's address and its prefix's length: 10.0.0.0/8, 192.168.1.0/24 (the slash was
    # dropped: "ten dot zero dot zero dot zero eight")
    Rule(re.compile(r"(?<![\w.:/])(\d{1,3}(?:\.\d{1,3}){3})/([1-2]?\d|3[0-2])(?![\w/]|[.,]\d)"),
         lambda m: f"{m[1]} slash {cardinal(int(m[2]))}", needs=("0/",)),
    # standings: Nuggets 48-25, 9.5 GB (was "nine point five gigabytes"), 2.5 games back
    Rule(re.compile(r"(?<![\w.,])(?P<n>\d{1,2})?(?P<half>\.5)?(?<=\d) ?(?:GB\b(?!/)|(?P<games>games? "
                    r"(?:back|behind)\b))"),
         _games_back, needs=("GB", "game")),  # fmt: skip
    # a TV listing's times, Eastern and Central: 9/8c (was "nine eight c")
    Rule(re.compile(r"(?<![\w/.:])(1[0-2]|[1-9])(:[0-5]\d)?/(1[0-2]|[1-9])(:[0-5]\d)?c\b"),
         lambda m: f"{m[1]}{m[2] or ''}, {m[3]}{m[4] or ''} Central", needs=("0c",)),
    # a tennis set's tiebreak: 7-6(5) (was "seven to six (five)")
    Rule(re.compile(r"(?<![\w.-])(7)-(6)\((\d{1,2})\)|(?<![\w.-])(6)-(7)\((\d{1,2})\)"),
         _tiebreak, needs=("0-0(0",)),
    # a car's fuel economy, city and highway: 32/41 mpg (was "thirty-two slash forty-one")
    Rule(re.compile(r"(?<![\w/.])(\d{2,3})/(\d{2,3})(?:/(\d{2,3}))?\s?mpg\b"
                    r"(?:\s?\(?city/(?:highway|hwy)(?:/comb(?:ined)?)?\)?)?"),
         lambda m: _spaced(f"{cardinal(int(m[1]))} city, {cardinal(int(m[2]))} highway"
                           + (f", {cardinal(int(m[3]))} combined" if m[3] else "")
                           + " miles per gallon"), needs=("mpg",)),
    # a count of things of one weight or volume: 2 x 500 mg tablets, 1 x 23 kg (was "times")
    Rule(re.compile(r"(?<![\w.,])(?P<n>[1-9]|1[0-2]) ?[x×] ?(?=\d[\d,]*(?:\.\d+)? ?"
                    r"(?P<unit>kg|g|mg|mcg|µg|lbs?|oz|ml|mL|L|cl|gal)\b(?!/))"),
         _times_amount, needs=("x", "×")),
    # a change's sign after a word that says which way: up +3.2%, fell -4%, down −$1.20
    Rule(re.compile(r"(?<![\w.])[+\-\u2212](?=[$€£¥₹]\d|\d[\d,]*(?:\.\d+)?(?:%?\s?(?:to|[-–])\s?"
                    r"[+\-\u2212]?\d[\d,]*(?:\.\d+)?)?\s?(?:%|pp\b|bps\b|pts\b|points?\b|"
                    r"basis points?\b|percent))"),
         _sign_after_change, needs=("+", "-", "−")),
    Rule(re.compile(rf"(?P<sign>(?<![\w.])[+\-\u2212])?(?P<num>{_NUM}) ?pp\b(?!\.\w)"),
         _percentage_points, needs=("pp",)),  # -0.5 pp: percentage points
    # a quotient after a bracket or a power: n(n+1)/2, (a + b)/2, x³/3, x^2/2 (over; the slash
    # was dropped: "x cubed three")
    Rule(re.compile(r"(?<=\))/(?=\d)|(?:(?<=squared)|(?<=cubed)) ?/(?=\d)"), " over ",
         needs=("/",)),
    # an arrow up or down before a change: (↑18%), ▼ $2.31 (up, down; was dropped)
    Rule(re.compile(r"[↑↓▲▼]\s?(?=[+\-−]?[$€£¥₹]?\d)"), _arrow_up_or_down, needs=tuple("↑↓▲▼")),
    # money written the continental way, and symbols after the amount: "1.299,00 €",
    # "€3,50", "25€", "12,99 EUR" become €1299.00, €3.50, €25, 12.99 EUR (read in 6.)
    Rule(re.compile(r"\bkr\.(?=\s?\d)|(?<=\d)(?:\s?)kr\.(?=\s+[a-z]|[,;:)])"),
         lambda m: m.group(0).removesuffix("."), needs=("kr.",)),  # kr. 99,95 and 10 kr. each
    Rule(re.compile(rf"(?<=[€₽])\s?({_EUROPEAN_AMOUNT})|\b(?:{_CONTINENTAL_CODES}|R\$)\s?({_EUROPEAN_AMOUNT})"),
         lambda m: m.group(0).replace(m[1] or m[2], _european_amount(m[1] or m[2])),
         needs=("€", "₽", "R$", *_CONTINENTAL_CODES.split("|"))),
    Rule(re.compile(rf"({_EUROPEAN_AMOUNT})(?=\s?{_SUFFIX_CURRENCY})"),
         lambda m: _european_amount(m[1]), needs=(*"$€£¥₹₩₽", *_CODES)),
    Rule(re.compile(rf"{_NEG}(?P<amt>{_NUM})\s?(?P<cur>[$€£¥₹₩₽])(?![\w$€£¥₹₩₽])"),
         lambda m: f"{m['neg'] or ''}{m['cur']}{m['amt']}", needs=(*"$€£¥₹₩₽",)),
    # a range that repeats its currency and its scale says them once: €65k–€80k, sixty-five to
    # eighty thousand euros; $80-$120, eighty to one hundred twenty dollars (were "sixty-five
    # thousand euros to eighty thousand euros"); a range that falls may be a difference: kept
    Rule(re.compile(r"(?<![\w.,])(?P<c>[$€£¥₹₩₽])(?P<a>\d+(?:,\d{3})*(?:\.\d+)?)(?P<s>[kKMBT]|bn)?"
                    r"(?P<sep>\s?[-–]\s?| to | and )"
                    r"(?P=c)(?P<b>\d+(?:,\d{3})*(?:\.\d+)?)(?P<t>[kKMBT]|bn)?"
                    r"(?![\w$€£¥₹₩₽]|[.,]\d)"),
         _repeated_currency, needs=(*"$€£¥₹₩₽",)),
    Rule(re.compile(r"(?<![\w.,])([$€£¥₹₩₽])(\d+(?:,\d{3})*(\.\d+)?)\s?[-–]\s?(?=\d)"),
         _money_range,  # $5-10, $1-2 million: the currency goes with the second amount
         needs=(*"$€£¥₹₩₽",)),
    # and after a currency's code: CHF 49–89, USD 49-89 (was "forty-nine Swiss francs to
    # eighty-nine"): forty-nine to eighty-nine Swiss francs
    Rule(re.compile(r"(?<![\w.,$])(?P<code>USD|EUR|GBP|CHF|CAD|AUD|NZD|SGD|HKD|JPY|INR|CNY|SEK|NOK|DKK) ?"
                    r"(?P<a>\d+(?:,\d{3})*)\s?[-–]\s?(?=\d+(?:,\d{3})*(?!\d|[.,]\d|\s?[-–]))"),
         lambda m: f"{m['a']} to {m['code']} ", needs=("USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD",
                                                       "SGD", "HKD", "JPY", "INR", "CNY", "SEK", "NOK", "DKK")),
    # a zone's offset: UTC-5, GMT+5:30 (the minus was dropped)
    Rule(re.compile(r"\b(UTC|GMT) ?([+-−]) ?(\d{1,2})(?::?([0-5]\d))?(?![\w:]|[.,]\d)"),
         lambda m: _spaced(f"{m[1]} {'plus' if m[2] == '+' else 'minus'} {cardinal(int(m[3]))}"
                           + (f" {cardinal(int(m[4]))}" if m[4] and m[4] != "00" else "")),
         needs=("UTC", "GMT")),  # fmt: skip
    # a bare offset after a time, or where the text speaks of zones: 14:30:00-05:00, "ends in
    # +00:00 for UTC" (were "fourteen thirty to five o'clock", "plus zero hundred")
    Rule(re.compile(r"(?:(?<=\d:\d\d:\d\d)|(?<![\w:.+\-−]))(?P<sign>[+\-−])(?P<h>0\d|1[0-4]):"
                    r"(?P<m>00|15|30|45)(?![\d:]|[.,]\d)"),
         _utc_offset, needs=("+00:00", "-00:00", "−00:00")),
    # a time in one zone, then in another: 9am PT/12pm ET (a pause; the slash was dropped)
    Rule(re.compile(rf"\b({_TIME_ZONES}) ?/ ?(?=\d)"), r"\1, ", needs=("/",)),
    # thousands grouped the Swiss way, CHF 1'234.50, and the Indian way after the rupee's sign,
    # ₹1,23,456 (was "one rupee, twenty-three thousand ...")
    Rule(re.compile(r"(?:(?<=\bCHF)|(?<=\bCHF )|(?<=Fr\.)|(?<=Fr\. ))\d{1,3}(?:'\d{3})+(?![\d'\"])"
                    r"|(?<![\w'.^:/-])\d{1,3}(?:'\d{3})+(?=(?:\.\d{1,2})? ?(?:CHF\b|S?Fr\.))"),
         lambda m: m[0].replace("'", ""), needs=("0'000",)),
    Rule(re.compile(r"((?:₹|\bRs\.?|\bINR) ?)(\d{1,2}(?:,\d{2})+,\d{3})(?![\d,])"),
         lambda m: m[1] + m[2].replace(",", ""), needs=("₹", "Rs", "INR")),
    # hours with "a" and "p" for a.m. and p.m.: 10a-4p, 6a–11:30p (not 50p, pence)
    Rule(re.compile(r"(?<![\w.:])(1[0-2]|0?[1-9])(:[0-5]\d)?([ap])\s?[-–]\s?(1[0-2]|0?[1-9])(:[0-5]\d)?"
                    r"([ap])(?![\w'])"),
         lambda m: m[0] if m[3] == m[6] == "p"  # 5p-10p: pence
         else f"{m[1]}{m[2] or ''}{m[3]}m-{m[4]}{m[5] or ''}{m[6]}m",
         needs=("-", "–")),  # fmt: skip
    # a time with "a" or "p" for a.m. or p.m.: opens 7:45a, closes 9:30p (was "thirty pence")
    Rule(re.compile(r"(?<![\w.:])((?:1[0-2]|0?[1-9]):[0-5]\d)([ap])(?![\w'])"), r"\1\2m",
         needs=("0a", "0p")),
    Rule(re.compile(r"(?<![\w.,£$])(\d{1,2})p\b(?!\.[Mm]\b)"),  # a 50p coin, not 3p.m.
         lambda m: _spaced(f"{cardinal(int(m[1]))} {'penny' if m[1] in ('1', '01') else 'pence'}"),
         needs=("0p",)),
    # a prescription's frequency: q12h, q4-6h (every twelve hours ...), 500 mg BID, 2 tabs PRN
    Rule(re.compile(r"\b(?:(?:q|q\.|q |q\. )(?P<a>\d{1,2})(?:\s?[-–]\s?(?P<b>\d{1,2}))?\s?(?:hours|hrs?|h)"
                    r"|Q(?P<c>\d{1,2})(?:[-–](?P<d>\d{1,2}))?[hH])\b"),  # Q4H; not "Q4 hours", a quarter's
         _every_hours, needs=("q0", "q.0", "q 0", "q. 0", "Q0")),  # fmt: skip
    Rule(re.compile(rf"(?<![\w.])(?P<sig>{_alternation(_SIGS)})(?!\w|\.\w)"), _sig,
         needs=tuple(_SIGS)),
    # a course's length after a dose: "40 mg PO daily x 5 days" (for five days; was "x")
    Rule(re.compile(r"(?:(?<=[a-z.] )|(?<=[a-z.]  ))[x×] ?(?=\d{1,3} ?(?:days?|weeks?|wks?|months?"
                    r"|doses?)\b)"),  # q12h x 10 days: q12h's reading ends in a space
         "for ", needs=("x", "×")),
    Rule(re.compile(r"(?:(?<=[a-z.] )|(?<=[a-z.]  ))[x×] ?(\d{1,3})d\b"),  # TID x 7d
         lambda m: f"for {m[1]} day{'' if m[1] == '1' else 's'}", needs=("x", "×")),
    # extensions and identifiers are read digit by digit: "ext. 204", "order #123456789",
    # "verification code 583920", "card ending in 4242"
    Rule(re.compile(r"\bext\.?\s?(\d{1,6})\b", re.I), lambda m: _spaced(f"extension {digits(m[1])}"),
         needs=("ext",)),
    # a UK postcode, character by character: SW1A 1AA (its last letters are never C I K M O V)
    Rule(re.compile(r"(?<![\w-])([A-Z]{1,2}\d[A-Z\d]?) (\d[ABD-HJLNP-UW-Z]{2})(?![\w-])"),
         lambda m: _spaced(f"{_spell(m[1])}, {_spell(m[2])}")),
    # a Canadian postal code: M5V 3L9, K1A 0B1 (was "M five volts three L nine")
    Rule(re.compile(r"(?<![\w-])([A-CEGHJ-NPR-TVXY]\d[A-CEGHJ-NPR-TV-Z]) (\d[A-CEGHJ-NPR-TV-Z]\d)(?![\w-])"),
         lambda m: _spaced(f"{_spell(m[1])}, {_spell(m[2])}")),
    # a postcode of five digits before its city, at an address's line: 10115 Berlin, Germany;
    # 75008 Paris (was "ten thousand one hundred fifteen")
    Rule(re.compile(r"(?:^|(?<=\n)|(?<=, ))(\d{5}) (?=[A-ZÀ-Þ][^\W\d_]+(?:[ -][A-ZÀ-Þ][^\W\d_]+)?"
                    r"(?:,|\.?$|\.?\n))"),
         lambda m: _spaced(digits(m[1])), needs=("00000 ",)),
    Rule(re.compile(rf"\b(?P<word>{_IDENTIFIER_WORDS})(?P<gap>(?:\s?(?:number|no\.|is|was|:|#)){{0,3}}"
                    r"\s?#?)(?P<id>(?=[A-Z0-9-]{3})(?=[\d-]*[A-Z])(?=[A-Z-]*\d)[A-Z0-9]+(?:-[A-Z0-9]+)*"
                    r"|\d{3,}(?: \d{2,})+|(?=[\d-]{6})\d+(?:-\d+)+|\d{4,})"
                    r"\b(?![.,]\d)", re.I),
         _identifier,
         needs=("order", "code", "id", "pin", "otp", "tracking", "confirmation", "ref", "account",
                "acct", "invoice", "ticket", "case", "docket", "booking", "reservation", "serial", "claim",
                "policy", "member", "customer", "transaction", "receipt", "incident", "sku", "rma",
                "pnr", "voucher", "zip", "postal code", "ending in", "ends in", "last ", "plate", "vin")),  # fmt: skip
    # a code of capitals and digits after "number is": "Your Medicare number is 1EG4-TE5-MK73"
    Rule(re.compile(r"(?<![Mm]odel )\b(?P<word>[Nn]umber)(?P<gap>(?:\s?(?:is|was|:)){1,2}\s?)"
                    r"(?P<id>(?=[A-Z0-9-]{3})(?=[\d-]*[A-Z])(?=[A-Z-]*\d)[A-Z0-9]+(?:-[A-Z0-9]+)*)"
                    r"\b(?![.,]\d)"), _identifier, needs=("umber",)),  # fmt: skip
    Rule(re.compile(r"(?<![\w&])#(\d{4,})\b(?![.,]\d)"), lambda m: _spaced(f"number {digits(m[1])}"),
         needs=("#0000",)),
    # a version's pre-release: 1.0.0-rc.2, 2.0.0-beta.1 (were "rc point two", "beta point one")
    Rule(re.compile(r"(?<=\d\.\d)(\d{0,2}(?:\.\d{1,3})?)-(alpha|beta|rc|RC|pre|dev|preview|canary|nightly)"
                    r"\.?(\d{1,3})?(?![\w.-]|,\d)"),
         lambda m: f"{m[1]} {'R C' if m[2] in ('rc', 'RC') else m[2]}"
                   + (_spaced(cardinal(int(m[3]))) if m[3] else " "),
         needs=("0-alpha", "0-beta", "0-rc", "0-RC", "0-pre", "0-dev", "0-canary", "0-nightly")),  # fmt: skip
    # a standard's number, part and year: ISO-8859-1, ISO 9001:2015, IEC 61131-3 (were a
    # cardinal and a range, or a ratio: "twenty-seven thousand one to twenty twenty-two")
    Rule(re.compile(rf"\b(?P<body>{_alternation(_STANDARD_BODIES)})[ -](?P<num>\d{{3,5}})"
                    r"(?P<parts>(?:-\d{1,4})*)(?::(?P<year>(?:19|20)\d\d))?\b(?![.,:]\d|-\w)"),
         _standard, needs=_STANDARD_BODIES),
    # a CVE's year and number: CVE-2024-3094 (C V E twenty twenty-four, three zero nine four)
    Rule(re.compile(r"\bCVE-(\d{4})-(\d{4,7})\b(?![.,]\d)"), _cve, needs=("CVE-",)),
    # memory's generation and speed: DDR5-6000, LPDDR5X-8533 (was spelled, "D D R five, six zero
    # zero zero": now DDR5 six thousand)
    Rule(re.compile(r"\b((?:LP)?DDR\d[X]?)-(\d{4})\b(?![.,]\d)"),
         lambda m: f"{m[1]} " + _spaced(_model_number(int(m[2]))), needs=("DDR",)),
    # a mixture of experts' size: Mixtral 8x7B, 8x22B (was "eight times seven B")
    Rule(re.compile(r"(?<![\w.])([1-9]\d?)x(\d{1,3}(?:\.\d)?[BM])\b"), r"\1 by \2", needs=("0x",)),  # not 0x1B
    # a code of capitals and five digits or more, character by character: KB5034441 (was "K B
    # five million ..."); capitals and digits, a hyphen and digits: AB12-34 (was a range)
    Rule(re.compile(r"(?<![\w-])[A-Z]{1,4}\d{5,}(?![\w-]|[.,]\d)"), lambda m: _spaced(_spell(m[0]))),
    Rule(re.compile(r"(?<![\w-])(?!(?:FY|CY|AY|SY|MY)\d)[A-Z]{2,4}\d{1,4}-\d{1,4}(?![\w-]|[.,]\d)"),
         lambda m: _spaced(_spell(m[0])), needs=("0-0",)),
    # a code of capitals and groups of digits is an identifier too: CS-2024-88123, GC-8842-1193
    Rule(re.compile(r"(?<![\w-])[A-Z]{1,4}(?:(?:-\d{3,}){2,}|-\d{5,})(?![\w-]|[.,]\d)"),
         lambda m: _spaced(_spell(m[0])), needs=("-000",)),
    # a public law's Congress and number, in pairs: Public Law 117-169 (one seventeen, one
    # sixty-nine; was a range)
    Rule(re.compile(r"\b(Public Law (?:No\.|number) |Public Law )(\d{2,3})-(\d{1,4})\b(?![.,]\d|-)"),
         lambda m: m[1].replace("No.", "number") + _spaced(
             f"{_model_number(int(m[2]))}, {_model_number(int(m[3]))}"),
         needs=("Public Law",)),
    # a House bill's number, in pairs: H.R. 3684 (H R thirty-six eighty-four)
    Rule(re.compile(r"\bH R (\d{3,4})\b(?![.,]\d)"),
         lambda m: "H R " + _spaced(_model_number(int(m[1]))), needs=("H R 000",)),
    # a federal case's number: 1:23-cv-04567 (office, year, type, number, a judge's initials)
    Rule(re.compile(r"(?<![\w:.-])(\d{1,2}):(\d{2})-([a-zA-Z]{2,3})-(\d{3,6})((?:-[A-Z]{2,4})*)\b(?![.,]\d|-)"),
         lambda m: _spaced(", ".join([cardinal(int(m[1])), _two_digit_year(m[2]), _spell(m[3].upper()),
                                      digits(m[4]), *(_spell(g) for g in m[5].split("-") if g)])),
         needs=("0:00-",)),  # fmt: skip
    # a range of sections with letters: §§ 78a–78qq (seventy-eight a to seventy-eight q q), and
    # a hyphen's number after one: §§ 2000e–2000e-17 (... two thousand e dash seventeen; was "minus")
    Rule(re.compile(r"(§\s?§?\s?|\b[Ss]ections\s)(\d{1,5})([a-z]{1,3})(-\d{1,3})?\s?[-–]\s?"
                    r"(\d{1,5})([a-z]{1,3})(-\d{1,3})?\b"),
         lambda m: f"{m[1]}{m[2]} {' '.join(m[3])}{_section_dash(m[4])} to {m[5]} {' '.join(m[6])}{_section_dash(m[7])} ",
         needs=("§", "ections")),  # fmt: skip
    # one section's number with a hyphen, as the U.C.C.'s: § 2-207 (two dash two oh seven; was
    # "two to two hundred seven"); §§ 101-105 stays a range
    Rule(re.compile(r"(?<!§)(§\s?)(\d{1,2})-(\d{3})((?:\((?:[a-z]{1,4}|[A-Z]|\d{1,2})\)){0,5})"
                    r"(?![\w(-]|[.,]\d)"),
         lambda m: m[1] + _spaced(" ".join([cardinal(int(m[2])), "dash", _model_number(int(m[3])),
                                            *re.findall(r"\(([^()]*)\)", m[4])])),
         needs=("§",)),
    # a rule's or section's paragraphs: Rule 12(b)(6), Article 6(1)(f), Section 501(c)(3)
    # (twelve b six; the brackets were read); one bracket only with letters: Section 10(b)
    Rule(re.compile(r"(?<![\w.])(\d{1,4})((?:\((?:[a-z]{1,4}|[A-Z]|\d{1,2})\)){1,5})(?![\w(])"),
         _paragraphs, needs=("0(",)),
    # retirement plans and tax forms as they are said: 401(k), Form 1099, the 1040 form
    Rule(re.compile(r"\b(401|403|457)\(([kb])\)"), lambda m: _spaced(f"{_in_pairs(int(m[1]))} {m[2]}"),
         needs=("000(",)),
    Rule(re.compile(r"\b([Ff]orms?\s)(\d{3,4})(?:-(?=[A-Z]{1,4}\b)|\b(?![.,]\d))"),
         lambda m: m[1] + _spaced(_model_number(int(m[2]))),  # Form 1099-NEC: ten ninety-nine NEC
         needs=("orm",)),
    Rule(re.compile(r"\b(1040|1099|1098|1095)(?:-(?=[A-Z]{2,4}\b)|(?=\s+forms?\b))"),
         lambda m: _spaced(_in_pairs(int(m[1]))), needs=("0000",)),
    Rule(re.compile(r"\b((?:call|dial)(?:ed|led|ing|s)?|text(?:ed|ing|s)?)\s(911|999|112|988)\b", re.I),
         lambda m: f"{m[1]} " + _spaced(digits(m[2])),  # emergency numbers: "call nine one one"
         needs=("call", "dial", "text")),
    # and where the text speaks of emergencies, or joined to one read so: "emergency services
    # are 112", "dial 999 or 112", "911 calls" (were "one hundred twelve", "nine hundred eleven")
    Rule(re.compile(r"(?<![\w.,$€£/#+-])(911|999|112|988|000)\b(?![.,:/-]\d|\s?%)"), _emergency_number,
         needs=("000",)),
    Rule(re.compile(r"\b((?i:text|txt|reply|send)(?:ed|ing|s)?\s+(?:[A-Z]{2,10}|\"[A-Za-z]{1,12}\")"
                    r"\s+to\s)(\d{4,6})\b(?![.,]\d)"),
         lambda m: m[1] + _spaced(digits(m[2])),  # a short code: "text STOP to one two three ..."
         needs=("0000",)),
    Rule(re.compile(r"\b((?i:text|txt)(?:ing)?\s)(\d{5,6})\b(?![.,]\d|\s+[a-z]+s\b)"),
         lambda m: m[1] + _spaced(digits(m[2])),  # "Text 741741 for help" (not "a text 50000 words")
         needs=("00000",)),
    Rule(re.compile(r"(?<![\w.-])50[-/]50(?![\w.-]|/\d)"), "fifty-fifty",  # a 50-50 chance
         needs=("00-00", "00/00")),
    Rule(re.compile(r"(?<![\w./])9/11(?![\w/]|\.\d)"), "nine eleven",  # not "nine elevenths"
         needs=("0/00",)),
    # a Bible verse: Mark 16:9, 1 Corinthians 13:4-7 (Mark sixteen nine; not "sixteen by nine")
    Rule(re.compile(rf"\b([123]|I{{1,3}}) (?=(?:{'|'.join(_NUMBERED_BOOKS)}) [1-9]\d{{0,2}}:[1-9])"),
         lambda m: f"{_BOOK_ORDINALS[m[1]]} ",
         needs=_NUMBERED_BOOKS),
    Rule(re.compile(r"(?<=[a-z] )(?P<ch>[1-9]\d{0,2}):(?P<v>[1-9]\d{0,2})"
                    r"(?:\s?[-–]\s?(?P<v2>[1-9]\d{0,2}))?(?![\w:]|[.,]\d|\s?[AaPp]\.?[Mm]\b)"),
         _verse, needs=("0:0",)),  # fmt: skip
    # a package pinned to a version: torch==2.1.0 (torch version two dot one dot zero)
    Rule(re.compile(r"(?<=[\w\]][\w\]])==(?=\d+\.\d)"), " version ", needs=("==",)),
    # a listing's bedrooms and baths: 3BR/2BA, 4 bd / 2.5 ba (three bedroom, two bath)
    Rule(re.compile(r"(?<![\w.])(\d{1,2}) ?(?:BR|BD|Br|Bd|br|bd|bdrm|bed) ?(?:/|/ )(\d(?:\.5)?) ?"
                    r"(?:BA|Ba|ba|bth|bath)\b"),
         lambda m: _spaced(f"{cardinal(int(m[1]))} bedroom, {_bath(m[2])} bath"),
         needs=("/0", "/ 0")),
    # a source file's line and column, as a stack trace or a linter writes them:
    # ProductList.jsx:18:27 (was "eighteen to twenty-seven"), main.py:42
    Rule(re.compile(rf"(?P<file>(?<![\w./\\-])[\w./\\-]*\w\.(?:{_SOURCE_EXTENSIONS})):(?P<line>\d{{1,6}})"
                    r"(?::(?P<col>\d{1,4}))?(?!\w|:\d|[.,]\d)"),
         _line_and_column, needs=(":0",)),
    Rule(re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3}|localhost):(\d{2,5})\b(?![.,]\d)"),
         _host_port, needs=(":00",)),  # 10.0.0.1:5432, localhost:8080/api
    # a port mapping, host's then container's: docker run -p 8080:80 (no ratio, no time)
    Rule(re.compile(r"(?P<cue>(?<![\w-])(?:-p|--publish|-L|-R)[ =]|\bdash [pLR] |\b(?i:ports?|expose[sd]?):?\s"
                    r"|\b(?i:port )?(?i:mappings?|map|maps|mapped)(?: (?:to|of|from))?\s)"  # the mapping to "8081:8080"
                    r"(?P<quote>[\"']?)"
                    r"(?P<a>\d{2,5}):(?P<b>\d{2,5})(?:/(?P<proto>tcp|udp))?\b(?![.,:]\d)"),
         _port_mapping, needs=("0:00",)),
    # a port and its protocol: 443/tcp, 53/udp (were "four hundred forty-three tcp"), and a
    # mapping with one, 8080:80/udp, without a command before it (was "eight thousand eighty
    # to eighty udp")
    Rule(re.compile(r"(?<![\w.:/-])(?:(?P<a>\d{2,5}):)?(?P<b>\d{1,5})/(?P<proto>tcp|udp|sctp|TCP|UDP|SCTP)\b"
                    r"(?![/-]\w|[.,]\d)"),
         lambda m: _spaced((f"{_port(m['a'])} colon " if m["a"] else "")
                           + f"{_port(m['b'])} slash {_spell(m['proto'])}"),
         needs=("0/tcp", "0/udp", "0/sctp", "0/TCP", "0/UDP", "0/SCTP")),  # fmt: skip
    # a road's number and its direction's letter: Route 9W, US 1A (was "nine watts")
    Rule(re.compile(r"\b((?:High|Free)way|Route|US)\s(\d{1,3})([NSEWA-D])\b(?![.,]\d)"),
         lambda m: f"{m[1]} " + _spaced(f"{_model_number(int(m[2]))} {m[3]}"),
         needs=("Highway", "Freeway", "Route", "US")),
    # a road's number, in pairs as it is said: Highway 101 (one oh one), I-405, Route 128
    Rule(re.compile(r"\b(?:((?:High|Free)way|Route|Interstate)\s|(I)-)(\d{3})\b(?![.,]\d)"),
         lambda m: (f"{m[1]} " if m[1] else "I ") + _spaced(_in_pairs(int(m[3]))),
         needs=("Highway", "Freeway", "Route", "Interstate", "I-")),
    # a room's, suite's, flight's or bus's number, in pairs as it is said: Room 101 (one oh one),
    # Flight 370 (three seventy), Suite 1204 (was "one hundred one", "three hundred seventy")
    Rule(re.compile(r"(?<![\w.,#])(?P<hash>#\s?)?(?P<num>\d{3,4})\b(?![.,/:–-]\d)"), _labelled_number,
         needs=("000",)),
    Rule(re.compile(r"\b([Pp]ort)\s(\d{2,4})\b(?![.,]\d)"),  # port 8080: "eighty eighty"
         lambda m: f"{m[1]} " + _spaced(_model_number(int(m[2]))), needs=("ort",)),
    # a range between two numbers with the same letters before them: Q1-Q3, FY23-FY25, A1-A5
    Rule(re.compile(r"\b([A-Z]{1,3})(\d{1,4})\s?[-–]\s?(?=\1\d{1,4}\b)"), r"\1\2 to ",
         needs=("-", "–")),
    # a toll-free vanity number: 1-800-FLOWERS, 1-888-GO-DELTA (one eight eight eight ...)
    Rule(re.compile(r"(?<![\w-])(1[-. ])?(8(?:00|33|44|55|66|77|88))-(?=[A-Z0-9]*[A-Z]{2})"),
         lambda m: _spaced(("one " if m[1] else "")
                           + ("eight hundred" if m[2] == "800" else digits(m[2]))),
         needs=("000-",)),  # fmt: skip
    # a processor's model, as it is said: i7-13700K (i seven thirteen seven hundred K), Ryzen 9
    # 7950X (seventy-nine fifty X); an airliner's variant: Boeing 737-800, A350-900 (no range)
    Rule(re.compile(r"\b(i[3579])-(\d{4,5})([A-Z]{0,2})\b(?![.,]\d)"),
         lambda m: f"{m[1]} " + _spaced(_processor_model(m[2], m[3])), needs=("i0-",)),
    Rule(re.compile(r"\b(Ryzen(?: Threadripper)? [3579]) (\d{4})([A-Z]{1,2}3?D?)\b"),
         lambda m: f"{m[1]} " + _spaced(_processor_model(m[2], m[3])), needs=("Ryzen",)),
    Rule(re.compile(r"\b((?:Boeing |Airbus |A)[37]\d{2})-(?=\d{1,3}(?:[A-Z]{1,3})?s?\b(?![.,]\d)|1000\b)"),
         r"\1 ", needs=("00-",)),
    # a connection's speeds, down and up, before one unit: 500/50 Mbps (was "five hundred slash
    # fifty megabits per second"); 1000/1000 Mbps, the same both ways
    Rule(re.compile(r"(?<![\w.,/$€£-])(?P<down>\d{1,5}(?:\.\d{1,2})?)/(?P<up>\d{1,5}(?:\.\d{1,2})?) ?"
                    r"(?P<unit>[kMG](?:bps|b/s|bit/s))(?![\w/])"),
         _down_and_up, needs=("bps", "b/s", "bit/s")),
    # an HTTP status after its cue, with up to three more joined to it: HTTP 401/403, status
    # code 404, returned a 503 (were "four hundred one slash ...", "four hundred four")
    Rule(re.compile(r"\b(?P<cue>HTTP(?:/\d(?:\.\d)?)?:? |[Ss]tatus(?: [Cc]ode)?:? |(?:[Rr]esponse|[Ee]rror) "
                    r"[Cc]ode:? |(?:[Rr]eturn(?:s|ed|ing)?|[Gg]ot|[Gg]ets?|[Tt]hrows?|[Tt]hrew|[Ss]en(?:ds?|t)) an? )"
                    rf"(?P<codes>{_HTTP_CODE}(?:{_HTTP_JOIN}{_HTTP_CODE}){{0,3}})"
                    r"(?![\w.,:/-]?\d)"),
         lambda m: m["cue"] + _spaced(_HTTP_CODES.sub(_http_code, m["codes"])),
         needs=("000",)),
    # and without the article, where the text speaks of the web: returns 401 or 403, respond
    # with 429 (were "four hundred one"; "returns 200 rows" stays a count)
    Rule(re.compile(r"\b(?P<cue>(?:[Rr]eturn(?:s|ed|ing)?|[Rr]espond(?:s|ed|ing)? with|[Gg]ot|[Gg]ets?|"
                    r"[Tt]hrows?|[Tt]hrew|[Ss]en(?:ds?|t)|[Ff]ail(?:s|ed)? with|[Ee]xpect) )"
                    rf"(?P<codes>{_ANY_STATUS}(?:{_HTTP_JOIN}{_ANY_STATUS}){{0,3}})"
                    r"(?![\w.,:/%-]?\d|[\w%]|\s+(?:[a-z]+s|item|record|row|result|line|byte|element|object|"
                    r"document|value|character|word|user|hit|match|page|time|percent)\b)"),
         _bare_http_code, needs=("000",)),
    # a status before what it answers, where the text speaks of the web: 200 on success and 404
    # otherwise, 404 if the user is missing, 404 on a missing id (were "four hundred four")
    Rule(re.compile(rf"(?<![\w.,$€£/#-])(?P<cue>)(?P<codes>{_ANY_STATUS})(?= (?:on (?:success|error|errors|failure)|"
                    r"otherwise|if|when|for (?:invalid|missing|unknown|bad|unauthori[sz]ed|expired))\b)"),
         _bare_http_code, needs=("0 on ", "0 otherwise", "0 if", "0 when", "0 for ")),
    Rule(re.compile(rf"(?<![\w.,$€£/#-])(?P<cue>)(?P<codes>{_ANY_STATUS})(?= (?:on|for) )"
                    rf"(?= (?:on|for) {_FAULTY}\b)"),
         _bare_http_code, needs=("0 on ", "0 for ")),  # 404 on a missing id
    # statuses joined before their word: a 401 or 500 response, 401/403 codes (the first was
    # "four hundred one"; not a count's plural, "410 or 450 errors")
    Rule(re.compile(rf"(?<![\w.,$€£/#-])(?P<codes>{_STATUS}(?:{_HTTP_JOIN}{_STATUS}){{1,3}})"
                    r"(?= (?:error|response|status|code|status codes|codes|statuses)\b)"),
         lambda m: _spaced(_HTTP_CODES.sub(_http_code, m["codes"])), needs=("0 ", "0/", "0,")),
    # an HTTP status before its reason or "error": a 404 error, 502 Bad Gateway (were "four
    # hundred four", "five hundred two"); 5xx errors (was "five xx"); a status's plural, 404
    # errors, 503 responses (not a round count: "500 errors" may be five hundred of them)
    Rule(re.compile(r"(?<![\w.,$€£/#-])(?P<code>4(?!00)[0-4]\d|45[01]|5(?!00)[01]\d)(?= (?:errors|responses)\b)"),
         lambda m: _spaced(_model_number(int(m["code"]))), needs=("000 ",)),
    Rule(re.compile(r"(?<![\w.,$€£/#-])(?P<code>4[0-4]\d|45[01]|50\d|51[01])(?= (?:error|page|response|"
                    r"status|Not Found|Bad Request|Unauthorized|Forbidden|Method Not Allowed|Conflict|"
                    r"Gone|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|"
                    r"Gateway Timeout)\b)"),
         lambda m: _spaced(_model_number(int(m["code"]))), needs=("000 ",)),
    Rule(re.compile(r"(?<![\w.])([1-5])(?:xx|XX)\b"), lambda m: _spaced(f"{_ONES[int(m[1])]} X X"),
         needs=("0xx", "0XX")),
    # a file's mode after chmod, digit by digit: chmod 755 (was "seven hundred fifty-five")
    Rule(re.compile(r"\b(chmod (?:[^\s\d]\S{0,8} ){0,2})([0-7]{3,4})\b"), lambda m: m[1] + _spaced(digits(m[2])),
         needs=("chmod",)),
    # and after "mode" or "permissions" where its text speaks of files: mode 600, permissions
    # 0644 on the key (was "six hundred"; "mode 300 of the engine" stays)
    Rule(re.compile(r"\b((?:mode|permissions?|perms)(?: (?:of|to|is|are|at))? )([0-7]{3,4})\b(?![.,]\d)", re.I),
         lambda m: m[1] + _spaced(digits(m[2]))
         if _FILES.search(m.string, max(0, m.start() - 200), m.end() + 200) else m[0],
         needs=("mode", "permission", "perms")),
    # a count of thousands joined to its noun: a 200K-token context (was "two hundred K-token")
    Rule(re.compile(r"(?<![\w.,])(?P<num>\d{1,4}(?:\.\d{1,2})?)(?P<scale>[kKM])-(?=(?:tokens?|words?|"
                    r"lines?|steps?|rows?|samples?|param(?:eter)?s?|users?|members?|char(?:acter)?s?|"
                    r"context|pages?|miles?|images?|records?|keys?|entries|entry|items?|vectors?|"
                    r"documents?|docs?|files?|nodes?|requests?|events?|messages?|views?|subscribers?)\b)"),
         lambda m: _spaced(f"{read_number(m['num'], False)} "
                           f"{'million' if m['scale'] == 'M' else 'thousand'}"),
         needs=("0k-", "0K-", "0M-")),  # fmt: skip
    # a Boeing's number without the name, before a variant or MAX: 737 MAX 8, 787-9, 777X,
    # 777-300ER (were "seven hundred thirty-seven MAX", "seven hundred eighty-seven to nine")
    Rule(re.compile(r"(?<![\w.,$€£/-])(?P<num>7[0-8]7)(?:(?P<tail> MAX\b|X\b|[EL]R\b)|-(?P<var>[7-9]|10|[1-9]00)"
                    r"(?=(?:[A-Z]{1,2})?\b(?![.,]\d|-\d)))"),
         _boeing, needs=("000 MAX", "000X", "000ER", "000LR", "000-0")),  # fmt: skip
    # a model's size in millions after its name (of capitals and small letters) and a hyphen:
    # SmolLM-135M, SmolLM2-360M (M a letter, as B is in Qwen2.5-72B; was "SmolLM- one hundred
    # thirty-five million"); not EST-2M
    Rule(re.compile(r"(?<![\w.-])(?P<name>(?=[a-z]*[A-Z])(?=[A-Z]*[a-z])[A-Za-z]{2,}(?:\d{1,2}(?:\.\d{1,2})?)?)-"
                    r"(?P<n>\d{1,4}(?:\.\d{1,2})?)M\b(?![.,]\d)"),
         lambda m: m[0] if m["name"] in _CODES else f"{m['name']} {read_number(m['n'], False)} M",
         needs=("0M",)),  # fmt: skip
    # a model's version joined to its name, then its size: Qwen2.5-72B (was "... to seventy-two B")
    Rule(re.compile(r"(?<=[A-Za-z]\d)(?P<v>(?:\.\d{1,2})?)-(?=\d{1,4}(?:\.\d{1,2})?[BM]\b)"
                    r"|(?<=[A-Za-z]\d\d)(?P<w>(?:\.\d{1,2})?)-(?=\d{1,4}(?:\.\d{1,2})?[BM]\b)"),
         lambda m: (m["v"] or m["w"] or "") + " ", needs=("0B", "0M")),
    # 0. a chain of hyphens with a word in it is not a range: 1-800-FLOWERS, Llama-3-8B-Instruct
    Rule(re.compile(r"(?<=\d)-(?=\d+[A-Za-z]+-|\d+-[A-Z]{3})"), " ", needs=("0-",)),
    # and after a name joined by a hyphen: Llama-3-70B, Llama-3.1-8B, ISO-8859-1 (were ranges)
    Rule(re.compile(r"(?<![\w.-])[A-Za-z][A-Za-z.]*(?:-[A-Za-z][A-Za-z.]*)*-(?P<a>\d{1,4}(?:\.\d{1,2})?)-"
                    r"(?P<b>\d{1,4}(?:\.\d{1,2})?)(?P<size>[A-Za-z]{1,2})?(?![\w.-]|,\d)"),
         _named_chain, needs=("0-0",)),
    Rule(re.compile(r"\b0x([0-9A-Fa-f]{1,16})\b"),  # 0x80070005: hexadecimal, read as written
         lambda m: _spaced("hex " + " ".join(_ONES[int(c)] if c.isdigit() else c.upper()
                                             for c in m[1])),
         needs=("0x",)),  # fmt: skip
    # a number joined to a unit by a hyphen before a noun: singular (a 30-min call, a 5-lb bag,
    # the 10-yr Treasury)
    Rule(re.compile(rf"(?<![\w.-])(\d+(?:\.\d+)?)-({_alternation(_WORD_UNITS)})(?=\s+(?!I\b)[A-Za-z])"),
         lambda m: f"{m[1]} {_UNITS[m[2]][0]}", needs=("0-",)),
    # a number joined to a word by a hyphen ("24-hour", "3-day"): the hyphen is not read
    Rule(re.compile(r"(?:(?<=\d)|(?<=\d(?:st|nd|rd|th))|(?<=\d0s))-(?=[A-Za-z]{2})"
                    rf"(?!(?:{_alternation([*_MONTHS, *_MONTH_ABBR])})\b)"),
         " ", needs=("-",)),  # 19th-century, 1980s-era; not "Jan 5-Feb 3", a range  # fmt: skip
    Rule(re.compile(r"(?<=\d)-(?=[A-Z](?![\w$-]))"), " ", needs=("0-",)),  # a 10-K, 3-D: ten K
    Rule(re.compile(r"(?<![\w.])v(?=\d)"), "version ", needs=("v0",)),  # v18.17.0, API v2
    Rule(re.compile(r"(?<=\d)\.[xX](?!\w|\.\w)"), " dot x",  # Python 3.x, npm 9.x
         needs=("0.x", "0.X")),
    # an IEEE 802 standard: 802.11ax (eight oh two point eleven A X), 802.1X, 802.15.4
    Rule(re.compile(r"(?<![\w.])802((?:\.\d{1,2}){1,2})([a-z]{1,2}|[A-Z])?((?:/[a-z]{1,2})*)"
                    r"(?!\w|/\w|\.\d)"),
         _ieee_802, needs=("000.0",)),
    # a range of numbered sections or versions: sections 11.1-11.11, Python 3.9-3.12
    Rule(re.compile(r"(?<![\w.])(?P<a>\d{1,3})\.(?P<b>\d{1,3})\s?[-–]\s?"
                    r"(?P<c>\d{1,3})\.(?P<d>\d{1,3})"
                    rf"(?![\w%]|[.,]\d|\s?(?:{_alternation(_UNITS)})(?![\w°/]))"),
         _numbered_range, needs=("-", "–")),  # fmt: skip
    # a build's number: build 22631.3155 (was "twenty-two thousand ... point three one five five")
    Rule(re.compile(r"(?<=\b[Bb]uild )(\d{3,6})\.(\d{1,5})(?!\w|[.,]\d)"),
         lambda m: _spaced(f"{_version_part(m[1])} dot {_version_part(m[2])}"), needs=("uild 0",)),
    # a version after its product's name: Python 3.11 (three point eleven), Ubuntu 22.04
    Rule(re.compile(r"(?<=[\s=<>])(?P<major>\d{1,3})\.(?P<minor>[1-9]\d{1,2})(?![\w%]|[.,]\d)"
                    rf"(?!\s?(?:{_alternation(_UNITS)})(?![\w°/]))"),
         _version, needs=("0.00",)),
    Rule(re.compile(r"\bUbuntu\s(?P<major>\d{2})\.(?P<minor>0[1-9]|1[0-2])"
                    r"(?:\.(?P<patch>\d{1,2}))?(?![\w%]|[.,]\d)"),
         _ubuntu, needs=("Ubuntu",)),
    # a ZIP code after a city and a state's code, digit by digit: "Austin, TX 78701"
    Rule(re.compile(rf"(?<=, )({_STATES})\s(\d{{5}})(?:-(\d{{4}}))?\b"),
         lambda m: f"{m[1]} " + _spaced(", ".join(digits(g) for g in m.groups()[1:] if g)),
         needs=("00000",)),
    # scientific notation: 1e-5, 3.0e8
    Rule(re.compile(r"(?<![\w.])(\d{1,9}(?:\.\d{1,9})?)[eE]([-+\u2212]?)(\d{1,3})\b"
                    rf"(?:\s?(?P<unit>{_alternation(_UNITS)})(?![\w°/]))?"),
         _scientific, needs=("0e", "0E")),  # fmt: skip
    # a unit per a count of hours or days: 1,200mg/24h, 4 g/24 hours (was "mg twenty-four hours")
    Rule(re.compile(rf"(?P<num>(?<![\w.,/-]){_NUM})\s?(?P<unit>{_FRACTION_UNITS})\s?/\s?"
                    r"(?P<n>\d{1,3})\s?(?P<per>h|hrs?|hours?|d|days?)\b(?![/.]\w)"),
         _per_hours, needs=("/",)),
    # and after a count's noun: max 5 doses/24 h (was "doses twenty-four h"); after a span's
    # own, the two spans of a stay: 3 nights/4 days (was "per four days") -> and
    Rule(re.compile(r"(?<=[a-z]{2})/(?P<n>\d{1,3})\s?(?P<per>h|hrs?|hours?|d|days?)\b(?![/.]\w)"),
         lambda m: f" and {m[0][1:]}" if _SPAN_BEFORE_SLASH.search(
             m.string, max(0, m.start() - 8), m.start()) else
         f" per {cardinal(int(m['n']))} {'hour' if m['per'][0] == 'h' else 'day'}"
         f"{'' if m['n'] == '1' else 's'}", needs=("/0",)),
    # a range of times as Europe writes them: 9h-17h, 8h30–17h (was "nine hours, seventeen hours")
    Rule(_H_RANGE, _h_time_range, needs=("0h",)),
    # a time past noon after "at", "from", "until" ...: at 17h (was "seventeen hours")
    Rule(re.compile(r"(?<![\w.:])(1[3-9]|2[0-3])h(?!\w|[.,]\d)"), _h_time_after_cue, needs=("0h",)),
    # durations (1h30m, 2h, 5m30s), video resolutions (1080p), heights (5'11")
    Rule(re.compile(r"(?<![\w.:])(?<!\d[-–])(?:(?P<h>\d{1,3})h)(?:\s?(?P<m>\d{1,2})m(?:in)?)?"
                    r"(?:\s?(?P<s>\d{1,2})s)?(?!\w)"),
         _duration, needs=("0h",)),  # fmt: skip
    # ... and with its units spaced: a sol of 24 h 37 m 22 s (was "thirty-seven meters")
    Rule(re.compile(r"(?<![\w.:])(?P<h>\d{1,3}) h (?P<m>\d{1,2}) m(?: (?P<s>\d{1,2}) s)?(?![\w/])"),
         _duration, needs=("0 h 0",)),
    Rule(re.compile(r"(?<![\w.])(?P<m>\d{1,3})m\s?(?P<s>\d{1,2})s(?!\w)(?P<h>)"), _duration,
         needs=("0m",)),
    Rule(re.compile(rf"(?<![\w.])({_RESOLUTIONS})p(?:(24|25|30|50|60|90|120|144|240)(?!\w))?\b"),
         lambda m: _spaced(f"{_in_pairs(int(m[1]))} p" + (f" {m[2]}" if m[2] else "")),
         needs=("000p",)),  # 1080p60: ten eighty p sixty (was "one thousand eighty p sixty")
    # x between feet and inches and feet: 12'6" x 15' (was "six inches x fifteen feet")
    Rule(re.compile(r"(?<=\d\")\s?[x×]\s?(?=\d{1,3}'(?!')|\d'\s?\d)|(?<=\d')\s?[x×]\s?(?=\d'\s?\d{1,2}\")"),
         " by ", needs=("0\"", "0'")),
    Rule(re.compile(r"(?<![\w.])(?P<ft>\d)'\s?(?P<in>\d{1,2})(?:\"|'')(?!\w)"), _feet_inches,
         needs=('0"', "0''")),
    Rule(re.compile(r"(?<![\w.'])(?P<ft>[4-7])'(?P<in>\d|1[01])(?![\w'\"]|[.,]\d)"), _feet_inches,
         needs=("0'0",)),
    Rule(re.compile(r"(?<![\w.])(?P<ft>\d{1,2})\s?(?:ft|feet|foot)\.?\s(?P<in>\d{1,2})\s?in\b(?:\.(?=\s+[a-z]))?"),
         _feet_inches,  # 6 ft 2 in: "in" after feet is inches (not "2 in 3 people")
         needs=("ft", "feet", "foot")),
    # a side's letter in a size: 36" W x 70" H x 31" D, 90 cm W x 60 cm D (were "inches W",
    # "x"): thirty-six inches wide by seventy inches high by ...
    Rule(re.compile(r"(?<![\w.])(?P<size>\d{1,4}(?:\.\d{1,2})?\s?(?:\"|cm|mm|in|ft|m))\s?"
                    r"(?P<side>[WHDL])(?![\w'\"])"), _side_letter, needs=("W", "H", "D", "L")),  # fmt: skip
    Rule(re.compile(r"(?<=\b(?:wide|high|deep|long|tall)) ?[x×] ?(?=\d)"), " by ",
         needs=("wide", "high", "deep", "long", "tall")),
    # a size in inches: 12" x 8" x 4", a 9x13" pan ("by"; was "twelve inches x eight inches",
    # "nine times thirteen")
    Rule(re.compile(r"(?<=\d)(\"?)\s?[x×]\s?(?=\d{1,3}(?:\.\d{1,2})?\"(?:\s[A-Za-z]|[\s,.;)x×]|$))"),
         _inches_by, needs=('0"',)),
    # and with its sides' letters: 15.6" W x 10.2" D, 20"W x 16"H (was 'inches W x', 'twenty "W')
    Rule(re.compile(r"(?<=\d)\"\s?([WDHL])\s?[x×]\s?(?=\d{1,3}(?:\.\d{1,2})?\")"), r'" \1 by ',
         needs=('0"',)),
    # a time signature: in 6/8 time, a time signature of 4/4 (were "six eighths", "four slash
    # four"): beats, then the note that counts one
    Rule(re.compile(r"(?P<pre>\btime signatures? (?:of |is |was )?)?(?<![\w/.,])"
                    r"(?P<n>1[0-5]|[1-9])/(?P<d>16|32|[1248])(?![\w/]|\.\d)"),
         _time_signature, needs=("0/0",)),
    # an inch thread, its size then its threads per inch: 3/8"-16 UNC, 1/4-20 UNF, 1/4-20
    # screws (was 'three eighths " minus sixteen', "one quarter to twenty")
    Rule(re.compile(r"(?<![\w/.])(?:(?P<w>\d)-)?(?P<n>\d{1,2})/(?P<d>\d{1,2})"
                    r"(?:\"-|-(?=\d{1,3} ?(?:UN[CFS]?|screws?|bolts?|nuts?|studs?|threads?|taps?)\b))"
                    r"(?P<tpi>\d{1,3})(?![\w.\"/-])"),
         lambda m: _spaced(f"{_fraction(m).strip()} inch, {cardinal(int(m['tpi']))}"),
         needs=("0/0",)),
    Rule(re.compile(r"(?<![\w/.])(?:(?P<w>\d{1,2})[ -])?(?P<n>\d{1,2})/(?P<d>\d{1,2})\"(?=\s[A-Za-z]|[\s,.;)]|$)"),
         _inches, needs=('0"',)),  # 1/4" drill bit, 1-1/2" pipe
    Rule(re.compile(r"(?<![\w/.])(?:(?<![-–])(?P<lo>\d{1,3}(?:\.\d{1,2})?)\s?[-–]\s?)?"
                    r"(?P<v>\d{1,3}(?:\.\d{1,2})?)(?P<d>)\"(?=\s[A-Za-z]|[WDHL]\b|[\s,.;)]|$)"), _inches,
         needs=('0"',)),
    Rule(re.compile(r"(?:(?<![\w.'\"])|(?<=\d'[x×]))(\d{1,3}(?:\.\d{1,2})?)'(?=\s?[x×]\s?\d|\s[a-z]|[\s,.;:)]|$)"),
         _feet, needs=("0'",)),  # 12' x 15', a 6' ladder; 12'x15' (was "fifteen '")
    # 1. phone numbers, digit by digit in groups (the country code read too)
    Rule(re.compile(r"(?<![\w+-])(?:(?P<cc>\+?1)[ .-])?\(?(?P<area>\d{3})(?:\)[ .-]?|[ .-])"
                    r"(?P<exchange>\d{3})[ .-](?P<line>\d{4})(?:\s?x(?P<ext>\d{1,6}))?(?![\w-])"),
         _phone, needs=("0000",)),  # fmt: skip
    Rule(re.compile(r"(?<![\w+.,-])(?P<cc>1)?(?P<area>[2-9]\d\d)(?P<exchange>[2-9]\d\d)(?P<line>\d{4})"
                    r"(?P<bare>)(?![\w-]|[.,]\d)"),
         _phone, needs=("0000000000",)),  # 8005550199 after "call", "number" ...  # fmt: skip
    # the trunk's 0 in brackets is not dialled from abroad: +49 (0)30 1234567, +44 (0)20 ...
    Rule(re.compile(r"(?<![\w+])(\+\d{1,3}) ?\(0\) ?(?=\d)"), r"\1 ", needs=("(0)",)),
    Rule(re.compile(r"(?<![\w+])\+(\d{1,3})((?:[ .-]\(?\d{1,8}\)?){2,5})(?![\w-])"),
         lambda m: _spaced("plus " + ", ".join(digits(g) for g in [m[1], *re.findall(r"\d+", m[2])])),
         needs=("+0",)),
    Rule(re.compile(r"(?<![\w+.,-])(1[38]00) (\d{3}) (\d{3})(?![\w-]|[.,]\d)"),  # Australia's
         lambda m: _spaced(", ".join(digits(g) for g in m.groups())), needs=("000 000 000",)),
    Rule(re.compile(r"(?<![\w-])(\d{3})-(\d{4})(?![\w-])"),
         lambda m: _spaced(", ".join(digits(g) for g in m.groups())), needs=("000-0000",)),  # fmt: skip
    # 2. positions, rates and ratings: Step 2/5, $3.50/month, £9.99 p/m, 4.5/5
    # requests, tokens, operations per minute, hour or day: 100 req/min (was "req per minute")
    Rule(re.compile(r"(?<=\d)(\s?)(req|tok|ops)/(?=(?:min|minute|hr|hour|h|day)\b)"),
         lambda m: f"{m[1] or ' '}{ {'req': 'requests', 'tok': 'tokens', 'ops': 'operations'}[m[2]]}/",
         needs=("req/", "tok/", "ops/")),
    # a month's rent in Britain: £1,450 pcm, £950 p.c.m. (per calendar month; was "pcm")
    Rule(re.compile(r"(?<=\d)\s?(?:pcm\b|p\.c\.m\.(?=\s+[a-z,;(])|p\.c\.m(?=\.))"), " per month",
         needs=("pcm", "p.c.m")),
    Rule(re.compile(r"(?<=[\d%])\s?p/([mwa])\b"),
         lambda m: f" per {({'m': 'month', 'w': 'week', 'a': 'year'})[m[1]]}",
         needs=("p/",)),  # fmt: skip
    Rule(re.compile(rf"\b(?P<cue>{_POSITION_WORDS})\s(?P<n>\d{{1,3}})\s?/\s?(?P<d>\d{{1,3}})"
                    rf"(?![\w/]|\.\d|\s?(?:{_FRACTION_UNITS}|cups?)\b)", re.I),
         _position, needs=("/",)),  # fmt: skip
    # a percentage per a span: 8%/yr (was "eight percent yr", the slash dropped)
    Rule(re.compile(rf"(?<=\d%)/({_PER_WORDS})\b", re.I), lambda m: f" per {_per_word(m[1])}",
         needs=("%/",)),
    Rule(re.compile(rf"(?:(?<=\d)|(?<=\d\+)|(?<=\d[kKMB]\+))\s?/\s?({_PER_WORDS})\b"
                    rf"(?:/({_PER_WORDS})\b)?"
                    r"(\.(?=[,;]|[ \t]+(?-i:[a-z](?![a-z]*[A-Z]))))?",  # not before iCloud
                    re.I),
         lambda m: f" per {_per_word(m[1])}"  # $3.50/month, $8/user/month (per user per month)
         + (f" per {_per_word(m[2])}" if m[2] else "")
         + ("." if m[3] and _per_word(m[2] or m[1]) == (m[2] or m[1]) else ""),
         needs=("/",)),  # $2,100/mo., $45/sq. ft. a year (the abbreviation's period inside goes),
    # $2k+/month (an amount or more per month)
    Rule(re.compile(rf"(?<=\d)(\s?(?:sq|cu)\.? ?(?:ft|in|yd|m)|\s?[A-Za-z]{{1,8}})\.?/({_PER_WORDS})\b"
                    rf"(?:/({_PER_WORDS})\b)?", re.I),  # 23.4 sq ft/box (was "sq ft slash box")
         lambda m: f"{m[1]} per {_per_word(m[2])}"  # 24 hrs/day, 10 mg/kg/day, 150 min./week
         + (f" per {_per_word(m[3])}" if m[3] else ""), needs=("/",)),
    # and per second after a counted word: 20 tokens/s, 2.5 it/s (was "tokens slash s"; m/s,
    # MB/s are units, read below)
    Rule(re.compile(r"(?<=\d)(\s?[a-z]{2,12})/(?:s|sec)(?![\w/])"),
         lambda m: m[0] if m[0].lstrip() in _UNITS else f"{m[1]} per second", needs=("/s",)),
    Rule(re.compile(rf"\b([Pp]er\s)({_alternation(_PER_ABBREVIATIONS)})\b"),  # $0.10 per min
         lambda m: m[1] + _PER_ABBREVIATIONS[m[2]], needs=tuple(_PER_ABBREVIATIONS)),
    Rule(re.compile(r"(?<=\d) ?/ ?1 ?([KkMB])(?![\w/])"), lambda m: f" per {_MONEY_SCALES[m[1]]}",
         needs=("/",)),  # $0.15/1M tokens: per million (not "out of one M")
    Rule(re.compile(r"\b([Pp]er )1 ?([KkMB])(?![\w/])"), lambda m: m[1] + _MONEY_SCALES[m[2]],
         needs=("er 0",)),  # per 1K tokens: per thousand
    # 7.5/10., GPA 3.8/4.0; in arithmetic over, (1 + 0.05/12)^12 (was "out of twelve")
    Rule(re.compile(r"(?<![\d./])(\d+\.\d+)/(\d+(?:\.0)?)(?![\d/]|\.\d)"),
         lambda m: _spaced(f"{read_number(m[1], False)} {'over' if _is_arithmetic(m) else 'out of'} "
                           f"{read_number(m[2], False)}"),
         needs=("0/0",)),
    # a range of multiples before a word: 3x-5x faster (was "three x minus five times")
    Rule(re.compile(r"(?<![\w.])(\d{1,4}(?:\.\d{1,2})?)[x×] ?[-–] ?(\d{1,4}(?:\.\d{1,2})?)[x×](?=\s+[a-z])"),
         lambda m: m[0] if _has_variable_x(m.string) else f"{m[1]} to {m[2]} times",
         needs=("0x", "0×")),
    # a whole number and a fraction joined by a hyphen, as recipes and lumber write them:
    # 1-1/2 cups (was "one to one half cups"; a range would not fall to a half)
    Rule(re.compile(r"-(?=(\d\d?)/(\d\d?)(?![\w/-]|[.,]\d))"), _mixed_number_hyphen,
         needs=("-",)),
    # 3. dates; a season across two years: 2023/24 (twenty twenty-three to twenty-four)
    Rule(re.compile(r"(?<![\d/.])(\d{4})/(\d{2})(?![\d/]|\.\d)"),
         lambda m: _spaced(f"{year(int(m[1]))} to {cardinal(int(m[2]))}")
         if (int(m[1]) + 1) % 100 == int(m[2]) and 1100 <= int(m[1]) <= 2099 else m.group(0),
         needs=("0000/00",)),
    Rule(re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:T| (?=\d{2}:\d{2}))"
                    r"(?P<time>\d{2}:\d{2}(?::\d{2})?)(?:\.\d{1,9})?(?P<zone>Z|[+-]\d{2}:?\d{2})?(?![\w:])"),
         _iso_datetime, needs=("0000-00-00",)),  # 2024-12-05T14:30:00Z  # fmt: skip
    Rule(re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
         lambda m: _date(m[1], m[2], m[3]) or m.group(0).replace("-", " "),
         needs=("0000-00-00",)),  # fmt: skip
    Rule(re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b"),
         lambda m: _date(m[1], m[2], m[3]) or m.group(0).replace("/", " "),  # 2025/03/05
         needs=("0000/0",)),
    # the year first with dots, as East Asia writes it: 2025.03.15 (was "two thousand twenty-five
    # dot zero three dot fifteen"); the month and day of two digits each (IntelliJ 2024.1.2 stays)
    Rule(re.compile(r"(?<![\w.])((?:19|20)\d\d)\.(0[1-9]|1[0-2])\.(0[1-9]|[12]\d|3[01])(?![\w.]|\.\d)"),
         lambda m: _date(m[1], m[2], m[3]) or m.group(0), needs=("0000.00.00",)),
    # a year to this day: 2020–present (was "twenty twenty, present")
    Rule(re.compile(r"[-–—] ?(?=(?:[Pp]resent|[Nn]ow|[Tt]oday|[Cc]urrent)\b)"), _to_present,
         needs=("present", "Present", "now", "Now", "today", "Today", "current", "Current")),
    Rule(re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
         lambda m: _date(m[3], m[2], m[1]) or m.group(0),  # 05.03.2025: day first, as in Europe
         needs=("0.0000",)),
    Rule(re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/(\d{2})(?![\w/]|[.,]\d)"),  # 1/1/25
         lambda m: _date(("20" if int(m[3]) < 70 else "19") + m[3], m[1], m[2]) or m.group(0),
         needs=("0/00",)),
    Rule(re.compile(rf"(?<![\w/.])(\d{{1,2}})/(\d{{1,2}})\s?[-–]\s?(\d{{1,2}})/(\d{{1,2}})"
                    rf"(?![\w/]|\.\d|\s?(?:{_FRACTION_UNITS}|cups?|inch|inches|of)\b|\")"),
         _dates_range, needs=("0/0",)),  # 12/24-12/26  # fmt: skip
    # a camera's megapixels: a 48MP camera, 12 MP (were "MP"), where the text is of cameras
    Rule(re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{1,2})?) ?MP\b(?![-/]\w)"), _megapixels, needs=("MP",)),
    # a temperature in both scales: 180°C/350°F, 350°F / 175°C (was "slash", and spaced the
    # slash was dropped: "one hundred eighty degrees Celsius three hundred fifty ...")
    Rule(re.compile(r"(?<![\w/.])(-?\d{1,3}(?:\.\d)?) ?°([CF]) ?/ ?(?=-?\d{1,3}(?:\.\d)? ?°(?!\2)[CF](?![\w/]))"),
         r"\1°\2 or ", needs=("°",)),
    # a forecast's high and low: Mon 72/58, Sat 29/19, 27°C/18°C (was "seventy-two slash fifty-eight")
    Rule(re.compile(r"(?:\b(?P<day>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?\s|(?<![\w/.-]))"
                    r"(?P<hi>-?\d{1,3})(?P<u>°[CF]?)?/(?P<lo>-?\d{1,3})(?P<v>°[CF]?)?(?![\w/°]|[.,]\d)"),
         _high_low, needs=("/",)),
    # the day of a range between weekdays: Friday 14–Sunday 16 June (was "Fri fourteen, Sunday")
    Rule(re.compile(r"\b((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day )(\d{1,2})\s?[-–]\s?"
                    r"(?=(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"),
         lambda m: f"{m[1]}the {ordinal(int(m[2]))} to " if 1 <= int(m[2]) <= 31 else m[0],
         needs=("day 0",)),
    Rule(re.compile(rf"\b({_DATE_CUE},?) (\d{{1,2}})/(\d{{1,2}})(?![\d/]|\.\d|\s+of\b)", re.I),
         _date_after_cue, needs=("0/0",)),  # due 3/15, Tuesday 3/4
    # and before a time of day: for 3/15 at 10 AM, 4/9 @ 10:30am (was "three fifteenths")
    Rule(re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})(?=,?\s(?:at\s|@\s?)\d{1,2}(?::\d\d|\s?[AaPp]\.?[Mm]\b))"),
         lambda m: _month_and_day(m[1], m[2]) or m[0], needs=("0/0",)),
    Rule(re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"),
         lambda m: _date(m[3], m[1], m[2]) or _date(m[3], m[2], m[1])  # day first: 15/03/2024
         or m.group(0).replace("/", " "),
         needs=("0/0000",)),  # fmt: skip
    Rule(re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?"
                    r"(?:\s?[-–]\s?(\d{1,2})(?:st|nd|rd|th)?)?(?![\d:.,]\d|\w)"
                    rf"(?P<to>\s?[-–]\s?(?=(?:{_MONTH})\.?\s+\d))?"),
         _month_day, needs=_MONTH_STEMS),  # fmt: skip
    Rule(re.compile(r"(?<![\w.,-])(?P<d>\d{1,2})(?:st|nd|rd|th)?"
                    r"(?:\s?[-–]\s?(?P<to>\d{1,2})(?:st|nd|rd|th)?(?= ))?"
                    rf"[ -](?P<mo>{_MONTH})\b(?:\.?[ -](?P<y>\d{{4}})\b)?"),
         _day_month,  # day first: 5 Jan 2024, 3-Jan-2024, 15 March, 1st–3rd March
         needs=_MONTH_STEMS),  # fmt: skip
    Rule(re.compile(rf"(?<=\b\d{{4}})\s?[-–]\s?(?=(?:{_MONTH})\s+\d)"), " to ",  # Jan 2025-Mar 2025
         needs=_MONTH_STEMS),
    # a range of ordinals: 1st-2nd grade, the 3rd–5th centuries (were "first, second")
    Rule(re.compile(r"(?:(?<=\dst)|(?<=\dnd)|(?<=\drd)|(?<=\dth))\s?[-–]\s?(?=\d{1,3}(?:st|nd|rd|th)\b)"),
         " to ", needs=("0st", "0nd", "0rd", "0th")),
    # around the clock, every day of the year: 24/7/365 (was "three hundred sixty-five")
    Rule(re.compile(r"(?<![\w/.])24/7/365(?![\w/]|[.,]\d)"), "twenty-four seven three sixty-five",
         needs=("00/0/000",)),
    # national numbers with a trunk 0: 020 7946 0958, 0800 123 4567, 06 12 34 56 78, and
    # a mobile's one long group: 07700 900123, 06 12345678; the area code in brackets, (02)
    # 9876 5432; from abroad, 0049 30 123456; an extension after a dash, 030 123456-0
    Rule(re.compile(r"(?<![\w+.,-])(?=[\d .()-]{9})(?:0\d{1,4}|\(0\d{1,4}\))"
                    r"(?:(?:[ .-]\d{2,8}){2,4}|[ .-]\d{6,8})(?:-\d{1,4})?(?![\w-]|[.,]\d)"),
         lambda m: _spaced(", ".join(digits(g) for g in re.findall(r"\d+", m[0]))),
         needs=("0 00", "0.00", "0-00", "0) 00", "0).00", "0)-00")),
    # a motor oil's viscosity grade: 5W-30, 0W-20 (five W thirty; was "five watts minus thirty")
    Rule(re.compile(r"(?<![\w.,-])(\d{1,2})W-(\d{2})(?![\w-]|[.,]\d)"),
         lambda m: _spaced(f"{cardinal(int(m[1]))} W {cardinal(int(m[2]))}"), needs=("0W-00",)),
    # a tire's load index and speed rating after its size: 225/45R17 94W (ninety-four W; was
    # "ninety-four watts")
    Rule(re.compile(r"(?<![\w/])(P?\d{3}/\d{2} ?Z?R ?\d{2} )(\d{2,3})([A-Z])\b"),
         lambda m: m[1] + _spaced(f"{cardinal(int(m[2]))} {m[3]}"), needs=("/00",)),
    # a chain of three or more small numbers is no range: the 3-2-1 rule, a 4-3-3 formation,
    # 9-1-1 (was "three to two to one")
    Rule(re.compile(r"(?<![\w.,/-])\d{1,2}(?:-\d{1,2}){2,}(?![\w/-]|[.,]\d)"),
         lambda m: _spaced(" ".join(read_number(n, False) for n in m[0].split("-"))),
         needs=("-",)),
    # 4. subtraction (the minus sign, or a spaced hyphen in an equation), then ranges: 5-10,
    # 1990–1995, $5-10
    # ... also between amounts with their units or currencies: $100 - $35 = $65, 50 L - 10 L = 40 L
    # (were "to", and a pause)
    Rule(re.compile(rf"(?<=\d)\s?\u2212\s?(?={_NUM})|(?<=[\w)%]) - (?=[$€£¥₹]?{_NUM}"
                    r"(?: ?[A-Za-z°µ]{1,4}\b| ?%)?\s*=)"), " minus ",
         needs=("−", " - ")),
    Rule(re.compile(rf"\u2212(?={_NUM})"), " minus ", needs=("−",)),  # n−1 (was "nminus one")
    # a spaced hyphen after a function's call or a power is a minus sign: len(arr) - 1, 2^31 - 1
    Rule(re.compile(rf"(?P<head>\b[A-Za-z_]\w*\([^()\n]{{0,30}}\)|\^\d{{1,3}}) - (?={_NUM})"),
         r"\g<head> minus ", needs=(") - ", "0 - ")),
    # a hyphen after a variable (a lone lowercase letter, 2x, or a power) is a minus sign:
    # n-1, (n - 1)!, 2x - 3, x^2 - 4 (not COVID-19, 20s - 30s, nor 5 - 3, a range)
    Rule(re.compile(rf"(?:(?<![\w'][a-z])(?<=[a-z])|(?<=\d[xyz])|(?<=squared)|(?<=cubed))\s*-\s?(?={_NUM})"),
         " minus ", needs=("-",)),  # fmt: skip
    # ... and between two amounts of one currency where the second is less, as between two of
    # one unit: $100 - $35 (was "to"); $5 - $10 stays a range
    Rule(re.compile(rf"(?<![\w.,])(?P<c>[$€£¥₹])(?P<a>{_NUM}) - "
                    rf"(?=(?P=c)(?P<b>{_NUM})(?![\w.,]|\s?(?:[kKMBT]|bn)\b))"),
         lambda m: m[0][:-3] + " minus " if _amount(m["b"]) < _amount(m["a"]) else m[0],
         needs=(" - ",)),
    # a range of percentages says "percent" once: 5.7%–6.4%, five point seven to six point four
    # percent (was "five point seven percent to six point four percent")
    Rule(re.compile(rf"(?P<a>(?<![\w.,-])-?{_NUM})\s?%(?:[-–]|\s?–\s?)(?=-?{_NUM}\s?%)"), _percent_range,
         needs=("%",)),
    # a range of thousands or millions says its scale once: 5k-10k steps, five to ten thousand
    # steps (was "five thousand to ten thousand"); scales that differ stay, 500k-1.2M
    Rule(re.compile(r"(?<![\w.,$€£¥₹₩₽-])(?P<a>\d{1,3}(?:\.\d{1,2})?)(?P<s>[kKM])"
                    r"\s?[-–]\s?"
                    r"(?=(?P<b>\d{1,3}(?:\.\d{1,2})?)(?P=s)(?![\w-]|[.,]\d))"),
         lambda m: f"{m['a']}-" if float(m["a"]) < float(m["b"]) else m[0],
         needs=("0k", "0K", "0M")),
    Rule(re.compile(rf"(?:(?<=\d)|(?<=\d%)|(?<=\d[kKMBT])|(?<=\dbn))\s?[-–]\s?(?=[$€£¥₹]?{_NUM})"),
         _range, needs=("-", "–")),  # 5-10, 5%-10%, $80k-$120k, $2T-$3T
    Rule(re.compile(r"(?:(?<=\d[AaPp][Mm])|(?<=\d [AaPp][Mm])|(?<=\d [AP] M)|(?<=\d[AaPp]\.[Mm]\.))"
                    r"\s?[-–]\s?(?=\d)"),
         _hours_range, needs=("-", "–")),  # 9am-5pm, 9 AM – 5 PM, 9a.m.-5p.m.
    # 5. times; a time taken first: finished in 2:03:45 (two hours, three minutes and ...)
    Rule(re.compile(r"(?<![\w.:])(?P<h>\d{1,3}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?:\.(?P<f>\d{1,3}))?"
                    r"(?![\w:]|[.,]\d)"), _elapsed, needs=("0:00:00",)),  # fmt: skip
    # a time taken in minutes past any clock's hours: ran 5 km in 25:30 (was "twenty-five to
    # thirty")
    Rule(re.compile(r"(?<![\w.:])(?P<m>2[4-9]|[3-5]\d):(?P<s>[0-5]\d)(?:\.(?P<f>\d{1,3}))?"
                    r"(?![\w:]|[.,]\d)"), _elapsed_minutes, needs=("00:00",)),  # fmt: skip
    # ... and any time in minutes with a fraction of a second, a lap's or a split's: 1:21.345
    # (was "one twenty-one point three four five"; a clock shows no fraction)
    Rule(re.compile(r"(?<![\w.:])(?P<m>[0-5]?\d):(?P<s>[0-5]\d)\.(?P<f>\d{1,3})(?![\w:]|[.,]\d)"),
         _elapsed_minutes, needs=("0:00.0",)),  # fmt: skip
    # a meeting of two: 1:1 meetings, weekly 1:1s, a 1:1 with my manager (were "one to one")
    Rule(re.compile(r"(?<![\w.:])1:1(?:(?P<s>s)\b|(?= (?:meetings?|chats?|calls?|sessions?|"
                    r"conversations?|check-ins?|syncs?|coaching|mentoring|interviews?|time)\b)"
                    r"|(?<=\b[Aa] 1:1)(?= with\b))"),
         lambda m: "one-on-one" + (m["s"] or ""), needs=("0:0",)),  # fmt: skip
    Rule(re.compile(r"(?<![\w.:])(?P<w>\d{1,2}(?:\.\d{1,2})?):(?P<h>\d{1,2})(?![\w:]|[.,]\d)"),
         _aspect_ratio, needs=("0:0",)),  # 16:9, a 4:3 screen: aspect ratios
    Rule(re.compile(r"(?<![\d:])(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?!\d|:\d)"
                    rf"(?:(?P<hrs>h)(?!\w)|\s?{_AM_PM})?"),
         _time, needs=(":00",)),  # 3:45 pm, 17:00h  # fmt: skip
    Rule(re.compile(r"(?<![\w.:])(?P<h>[01]?\d|2[0-3])h(?P<m>[0-5]\d)(?!\w|[.,]\d)"),
         _h_time, needs=("h00",)),  # 14h30, as Europe writes the time
    Rule(re.compile(rf"(?<![\w.,])(?P<t>{_HHMM})(?:\s(?P<sep>to|and)\s(?P<t2>{_HHMM}))?"
                    r"(?:(?P<hrs>\s?(?:hours|hrs)\b)|(?!\w|[.,:/]\d))"),
         _military_time, needs=("0000",)),  # 0800 hours, at 0600, 1600 hours sharp, 0900-1700
    Rule(re.compile(rf"(?<![\d:.])(?P<h>1[0-2]|0?[1-9])\s?{_AM_PM}"), _time, needs=("m", "M")),
    Rule(re.compile(rf"(?<![\d:.])(?P<h>1[0-2]|0?[1-9])\.(?P<m>[0-5]\d)\s?{_AM_PM}"), _time,  # 9.30am
         needs=(".00",)),
    # 6. money; a pair of currencies first, whose rate is no amount of either: EUR/USD 1.0875
    # (was "EUR one point zero eight seven five dollars") -> euro dollar 1.0875
    Rule(re.compile(rf"\b({_CURRENCY_PAIR_CODES})/({_CURRENCY_PAIR_CODES})\b"), _currency_pair,
         needs=tuple(f"{code}/" for code in _CURRENCY_PAIR_CODES.split("|"))),
    Rule(re.compile(r"\b(?:RMB|CNY|CN)\s?¥"), "RMB ", needs=("¥",)),  # RMB¥500 is yuan, not yen
    Rule(re.compile(r"(?<![\w.,])([$€£¥₹₩₽])-(?=\d)"), r"-\1",  # $-20: minus twenty dollars
         needs=tuple(f"{sign}-" for sign in "$€£¥₹₩₽")),
    # an accountant's negative: $(3.2) million, $(1,200) (was "(three point two) million", the
    # currency dropped): minus
    Rule(re.compile(r"(?<![\w.,])([$€£¥₹₩₽])\((\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\)"),
         r"-\1\2", needs=tuple(f"{sign}(0" for sign in "$€£¥₹₩₽")),
    # a whole amount or more: $1k+, $500+ -> one thousand plus dollars (was "one thousand
    # dollars plus", as if another amount were added)
    Rule(re.compile(rf"(?<![\w.,])(?P<cur>[$€£¥₹₩₽])(?P<amt>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+(?=[kKMB]))?){_SCALE}\+"
                    r"(?=[\s.,;:!?)]|$)(?!\s?[\d$€£¥₹₩₽(]|\s(?:tax|taxes|VAT|GST|shipping|postage|"
                    r"fees?|tips?|gratuity|delivery|deposit|interest|utilities|S&H|s&h)\b)"),
         _money_or_more, needs=tuple(f"{sign}0" for sign in "$€£¥₹₩₽")),
    Rule(re.compile(rf"{_NEG}(?P<cur>\b(?:{_DOLLAR_PREFIXES})\$|[$€£¥₹₩₽]|\b(?:{_CODE_NAMES}))\s?"
                    rf"(?P<amt>{_NUM}|\.\d+)"
                    rf"{_SCALE}"),
         _money_after_sign, needs=(*"$€£¥₹₩₽", *_CODES)),  # fmt: skip
    Rule(re.compile(rf"{_NEG}(?P<amt>{_NUM}){_SCALE}\s?(?P<code>(?:{_CODE_NAMES})\b"
                    rf"|\b(?:{_DOLLAR_PREFIXES})\$(?![\w$]))"),
         lambda m: _money_or_rate(_CODES.get(m["code"], m["code"]), m),
         needs=(*_CODES, "$")),  # 100 USD, 837.82 R$  # fmt: skip
    Rule(re.compile(rf"(?P<amt>{_NUM})\s?¢"),
         lambda m: _spaced(f"{read_number(m['amt'], False)} cents"), needs=("¢",)),  # fmt: skip
    # 7. powers (before units: the 8 of "10^8 m/s" is the power's), dimensions (12 ft x 15
    # ft, 4x100m: "by"), percentages, ordinals, decades, units, fractions
    Rule(re.compile(r"(?<=\d)\s?\^\s?(?=-?\d)"), " to the power of ", needs=("^",)),
    # a unit after a power of ten: 250 x 10^9/L, 10³/µL (per liter; the slash was dropped)
    Rule(re.compile(rf"(?P<power>(?<=to the power of )-?\d{{1,3}}|(?<=\d) (?:squared|cubed))/"
                    rf"(?P<per>{_FRACTION_UNITS})(?![\w°/])"),
         lambda m: f"{m['power']} per {_UNITS[m['per']][0]} ", needs=("0/", "squared/", "cubed/")),
    Rule(re.compile(r"(?<=\d) ?K/([µμ]L)\b"), lambda m: f" thousand per {_UNITS[m[1]][0]} ",
         needs=("K/µ", "K/μ")),  # WBC 11 K/µL
    # sets and reps: 3x10 reps, 4 x 8 to 12 reps (three sets of ten reps; were "three times ten")
    Rule(re.compile(r"(?<![\w.])(\d{1,2}) ?[x×] ?(\d{1,3}(?: to \d{1,3})?)(?= (?:reps?|repetitions)\b)"),
         lambda m: f"{m[1]} set{'' if m[1] == '1' else 's'} of {m[2]}", needs=("x", "×")),
    # a repetition maximum: 1RM, a 5RM (one rep max; was "one RM")
    Rule(re.compile(r"(?<![\w.])(\d{1,2})RMs?\b"), lambda m: f"{m[1]} rep max", needs=("0RM",)),
    # and before an exercise, or after one with a colon: 3×10 squats, Squats: 4x8 (three sets of
    # ten squats; were "three times ten")
    Rule(re.compile(rf"(?<![\w.])(\d{{1,2}}) ?[x×] ?(\d{{1,3}}(?: to \d{{1,3}})?)(?= (?:[a-z]+ ){{0,2}}(?:{_EXERCISES})\b)"
                    rf"|(?P<ex>\b(?:{_EXERCISES}):? )(\d{{1,2}}) ?[x×] ?(\d{{1,3}}(?: to \d{{1,3}})?)(?![\w×]|[.,]\d| ?[x×*])",
                    re.I),
         lambda m: (f"{m['ex'] or ''}{m[1] or m[4]} set{'' if (m[1] or m[4]) == '1' else 's'} "
                    f"of {m[2] or m[5]}"),
         needs=("x", "×")),
    # a metric thread, its size by its pitch: M8 x 1.25, M10x1.5 (was "M eight times ...")
    Rule(re.compile(r"\b(M\d{1,2}(?:\.\d)?) ?[x×] ?(?=[0-6](?:\.\d{1,2})?(?!\d|\.\d|\s?[x×=]))"),
         r"\1 by ", needs=("M0",)),
    # lumber by its size: 2x4s (two by fours; was "two times four s")
    Rule(re.compile(r"(?<![\w.])([124]) ?[x×] ?([2-8]|1[02])s\b"),
         lambda m: f"{cardinal(int(m[1]))} by {_plural(cardinal(int(m[2])))}", needs=("0s",)),
    # a USB link's lanes: USB 3.2 Gen 2x2 (two by two; was "two times two")
    Rule(re.compile(r"\b(Gen ?\d)[x×](\d)\b"), r"\1 by \2", needs=("Gen",)),
    # the size of a thing shipped, hung or laid: a 10x12 box, 4x6 prints, a 2x4 board
    Rule(re.compile(r"(?<![\w.])\d{1,3}(?:\.\d)?(?: ?[x×] ?\d{1,3}(?:\.\d)?){1,2}"
                    rf"(?=\s+(?:(?!(?:{_DIMENSION_UNITS})\s)[a-z]+\s)?(?:{_SIZED_THINGS})s?\b)"),
         lambda m: re.sub("[x×]", " by ", m[0]), needs=("x", "×")),  # fmt: skip
    Rule(re.compile(rf"(?<=\d)\s?({_DIMENSION_UNITS})\s?[x×]\s?(?=\d)"), r" \1 by ",
         needs=("x", "×")),
    Rule(re.compile(rf"(?<=\d)\s?[x×]\s?(?=\d+(?:\.\d+)?\s?(?:[x×]\s?\d+(?:\.\d+)?\s?)?"
                    rf"(?:{_DIMENSION_UNITS})\b)"), " by ", needs=("x", "×")),  # fmt: skip
    Rule(re.compile(r"(?<=\d by )(\d+(?:\.\d+)?)\s?in\b(?=\s*(?:[.,;:)]|$)|\s+(?:long|wide|tall|high|"
                    r"deep|thick)\b)"),  # 12 x 8 x 4 in.: "in" ends the size, inches
         lambda m: _spaced(f"{read_number(m[1], False)} inch{'' if m[1] == '1' else 'es'}"),
         needs=("0 by 0",)),  # fmt: skip
    # a spaced hyphen between two amounts of one unit: a minus where the second is less, 5 kg
    # - 2 kg (five kilograms minus two kilograms), else a range, 10 kg - 15 kg (were a pause)
    Rule(re.compile(rf"(?P<a>{_NUM})\s?(?P<u>{_FRACTION_UNITS}) - "
                    rf"(?=(?P<b>{_NUM})\s?(?P=u)(?![\w°/]))"),
         _spaced_difference, needs=(" - ",)),
    # a range of amounts, each with its unit: 2GB–4GB, 10kg-15kg, 128MB-10GB (was "two
    # gigabytes, four gigabytes"; a spaced hyphen, 5 kg - 2 kg, may be a minus); below zero
    # too: -5°C–3°C, -10°C–-5°C (was "minus five degrees Celsius, three degrees Celsius");
    # the unit said once where both ends have it: 36°F–46°F, thirty-six to forty-six degrees
    # Fahrenheit (was "thirty-six degrees Fahrenheit to forty-six degrees Fahrenheit")
    Rule(re.compile(rf"(?P<a>(?P<n>(?<![\w.,/-])-?(?<![\w.,/]){_NUM})\s?(?P<u1>{_FRACTION_UNITS}))"
                    rf"(?:\s?–\s?(?=-?{_NUM})|-(?={_NUM}))(?=-?{_NUM}\s?(?P<u2>{_FRACTION_UNITS})(?![\w°/]))"),
         lambda m: f"{m['n'] if m['u1'] == m['u2'] else m['a']} to ", needs=("-", "–")),
    Rule(re.compile(rf"{_NEG}(?P<num>{_NUM})\s?%"),
         lambda m: _spaced(f"{'minus ' if m['neg'] else ''}{read_number(m['num'], False)} percent"),
         needs=("%",)),
    Rule(re.compile(r"\b(\d{1,3}(?:,\d{3}){1,11}|\d{1,36})(?:st|nd|rd|th)\b", re.I),
         lambda m: _spaced(ordinal(int(m[1].replace(",", "")))),
         needs=("0st", "0nd", "0rd", "0th")),  # fmt: skip
    Rule(re.compile(r"(?:'|\b)(\d*\d0)'?s\b"), _decade, needs=("00s", "'s")),
    Rule(re.compile(r"(?:(?<![\w'])|(?<=\bQ[1-4])|(?<=\bH[12])|(?<=\bFY))'(?!00)(\d{2})(?![\w'%]|[.,]\d)"),
         lambda m: _spaced(("oh " if m[1] < "10" else "") + cardinal(int(m[1]))),  # '99, Q3'24
         needs=("'00",)),
    Rule(re.compile(r"(?<![\w.,])(\d{2})ers\b"),  # the 49ers, the 76ers: forty-niners, seventy-sixers
         lambda m: _spaced(cardinal(int(m[1])) + ("rs" if m[1][-1] == "9" else "ers")),
         needs=("00ers",)),
    Rule(re.compile(r"(?<![\w.,])(\d{1,4}\.\d{1,3})s\b"),
         lambda m: _spaced(f"{read_number(m[1], False)} seconds"), needs=("0s",)),  # 9.58s
    Rule(re.compile(r"[~≈(] ?(\d{1,4})s\b(?![\w'])"),  # (~2s), (5s max); not an iPhone 4s
         lambda m: m[0][: m.start(1) - m.start()]
         + _spaced(f"{cardinal(int(m[1]))} second{'' if m[1] == '1' else 's'}"),
         needs=("0s",)),  # fmt: skip
    Rule(re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)\ss\b(?![\w'])"),  # 0-60 mph in 3.1 s
         lambda m: _spaced(f"{read_number(m[1], False)} second{'' if m[1] == '1' else 's'}"),
         needs=("s",)),
    Rule(re.compile(r"(?<![\w.,])\.(\d{3})\b(?![.,]\d)"), _batting_average,  # batting .312
         needs=(".000",)),
    # joules after a number, spaced: 8.314 J, 100 J of energy, 8.314 J/(mol·K) (were "J")
    Rule(_JOULES, _joules, needs=("0 J",)),
    # blood pressure: 120/80 mmHg, BP 120/80 ("one hundred twenty over eighty")
    Rule(re.compile(r"(?<![\w/.])(\d{2,3})/(\d{2,3})\s?mmHg\b"),
         lambda m: _spaced(f"{_over(m[1], m[2])} millimeters of mercury"), needs=("mmHg",)),
    Rule(re.compile(r"\b((?:BP|blood pressure)(?: (?:of|is|was|reading|readings|goal|target|"
                    r"below|under|above|over|less than|higher than|at|around|about|stays|should be"
                    r"|a)\b){0,3}:?\s?)(\d{2,3})/(\d{2,3})\b(?!/)", re.I),
         lambda m: m[1] + _spaced(_over(m[2], m[3])), needs=("bp", "blood pressure")),  # fmt: skip
    # a charger's output, volts and amps: 5V/3A (was "five volts slash three A")
    Rule(re.compile(r"(?<![\w.,])(\d{1,2}(?:\.\d{1,2})?) ?V/(\d{1,2}(?:\.\d{1,2})?) ?A\b(?![/-])"),
         lambda m: f"{m[1]} V at " + _spaced(f"{read_number(m[2], False)} amp" + "s" * (m[2] != "1")),
         needs=("V/0",)),
    # a mains circuit's volts and amps: a 115V/15A circuit, 240V/30A (was "... volt slash fifteen
    # amps"): "a one hundred fifteen volt, fifteen amp circuit", singular before its noun
    Rule(re.compile(r"(?<![\w.,])(\d{3}) ?V ?/ ?(\d{1,3}) ?A\b(?![/-])"), _circuit, needs=("V",)),
    # sizes to choose from: 128GB/256GB/512GB, 8/16GB RAM (or; were "eight sixteenths gigabyte"),
    # with spaces too: 256GB / 512GB / 1TB (the slashes were dropped)
    Rule(re.compile(rf"(?<![\w.])(?<!\d/)(\d{{1,4}}(?:\.\d{{1,2}})?)"
                    rf"(\s?(?:{_alternation(_STORAGE_UNITS)}))"
                    r"(?:/| / )(?=\d)"
                    rf"(?=(\d{{1,4}})\s?({_alternation(_STORAGE_UNITS)})\b)"),
         _sized_or, needs=("B/0", "B / 0")),
    # numbers grouped in thousands either side of a slash: read/write 7,450/6,900 MB/s (was
    # "seven, four hundred fifty slash six, nine hundred", a fraction's reading of 450/6)
    Rule(re.compile(r"(?<![\w/.,])(?:\d{1,3}(?:,\d{3})+/\d{1,3}(?:,\d{3})*"
                    r"|\d{1,3}/\d{1,3}(?:,\d{3})+)(?![\w/]|[.,]\d)"),
         lambda m: m[0].replace("/", " slash "), needs=(",",)),
    Rule(re.compile(rf"(?<![\w/.])(\d{{1,4}})/(\d{{1,4}})(?=\s?(?:{_alternation(_STORAGE_UNITS)})\b)"),
         _sizes_or, needs=("0/0",)),
    Rule(re.compile(r"(?<![\w/.])(?:(?P<w>\d{1,9})\s)?(?P<n>\d{1,9})/(?P<d>\d{1,9})\s?"
                    rf"(?P<unit>{_FRACTION_UNITS})(?![\w°/])"),
         _fraction_unit, needs=("0/0",)),  # 1/2 tsp, 2 1/2 kg
    # a drug's strength, a mass per a volume: 160 mg/5 mL (per five milliliters; was "slash")
    Rule(re.compile(rf"(?P<num>(?<![\w.,/-]){_NUM})\s?(?P<unit>mg|mcg|µg|μg|g|mmol|mEq|IU)/"
                    r"(?=\d{1,4}(?:\.\d{1,2})?\s?(?:mL|ml|L|dL)\b)"),
         lambda m: f"{_unit(m).rstrip()} per ", needs=("g/", "l/", "q/", "U/")),
    # an amount and its unit before a slash and another amount: 1.5GB/2GB used, 12GB/16GB,
    # 5Mbps/20Mbps (the slash was dropped and the unit left unread)
    Rule(re.compile(rf"(?P<num>(?<![\w.,/-]){_NUM})\s?(?P<unit>{_FRACTION_UNITS})/(?=\d)"),
         lambda m: f"{_unit(m).rstrip()} slash ", needs=("/0",)),
    Rule(re.compile(rf"(?P<num>(?:(?<![\w.,-])-)?(?<!/){_NUM})\s?(?P<unit>{_FRACTION_UNITS})/"
                    rf"(?P<per>{_FRACTION_UNITS})(?![\w°/])"),
         lambda m: f"{_unit(m).rstrip()} per {_UNITS[m['per']][0]} ",  # 5mg/kg, 1.5 L/min
         needs=("/",)),
    Rule(re.compile(rf"(?<![\w.,])(\d{{1,2}})[x×](?= (?:(?:{_COUNTED_PARTS})s?(?![A-Za-z])"
                    rf"(?!(?:\s?\d{{1,2}}(?:\.\d)?)?\s(?:speeds?|bandwidth|throughput|performance)\b)"
                    rf"|\d{{1,4}}\s?(?:{_alternation(_STORAGE_UNITS)})\b))"),
         lambda m: _spaced(cardinal(int(m[1]))),  # 2x USB-C, 2x 16GB: two; 2x USB 3.2 speed: times
         needs=("0x", "0×")),
    # a unit after thousands or millions: 1.2k req/s, 5k rpm (the unit was not read after k)
    Rule(re.compile(rf"(?P<num>(?<![\w.,-]){_NUM})(?P<scale>[kKM]) (?P<unit>{_SCALED_UNITS})"
                    r"(?![\w°/])"),
         lambda m: _spaced(f"{read_number(m['num'], False)} {'million' if m['scale'] == 'M' else 'thousand'} "
                           f"{_UNITS[m['unit']][1]}"),
         needs=("0k ", "0K ", "0M ")),
    # and after one in words: 93 million mi, 4.6 billion km (the unit was left as written)
    Rule(re.compile(rf"(?<=\d )(thousand|million|billion|trillion) ({_SCALED_UNITS})(?![\w°/])"),
         lambda m: f"{m[1]} {_UNITS[m[2]][1]}",
         needs=("0 thousand ", "0 million ", "0 billion ", "0 trillion ")),
    # a resistor's value: a 10k pull-up resistor, a 4.7K resistor (was "ten thousand"): "ten k"
    Rule(re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:\.\d{1,2})?)[kK](?= (?:pull-?(?:up|down) |ohm )?"
                    r"(?:resistors?|pots?|potentiometers?|trimpots?|thermistors?)\b)"),
         lambda m: _spaced(f"{read_number(m['num'], False)} k"), needs=("0k", "0K")),
    # a race's distance: a 10k run, ran a 10k (was "ten thousand"): "ten K", as "a 5K" is read
    Rule(re.compile(r"(?<![\w.,$€£¥₹])(?P<num>\d{1,2}(?:\.\d)?)k(?P<s>s?)(?![\w/+-]|[.,]\d)"),
         _race_distance, needs=("0k",)),
    # "or more" before a unit: 20+ hrs, 10+ yrs (were "twenty plus hrs"); 150+ min. of (its
    # period inside the sentence is the unit's, as for "2 min. of")
    Rule(re.compile(rf"(?P<num>(?<![\w.,-]){_NUM})\+ ?(?P<unit>{_alternation(_WORD_UNITS)})(?![\w°/+])"
                    rf"(?:\.(?={_WORD_AHEAD}|[,;]))?"),
         lambda m: _spaced(f"{read_number(m['num'], False)} plus {_UNITS[m['unit']][1]}"),
         needs=("0+",)),
    Rule(re.compile(rf"(?P<num>(?:(?<![\w.,-])-)?(?<!/){_NUM})\s?(?P<unit>{_alternation(_UNITS)})"
                    rf"(?![\w°/])(?:\.(?={_WORD_AHEAD}|[,;]|\)(?![ \t]+[A-Z])))?"),
         _unit),  # a period inside the sentence is the unit's: "6 ft. tall", "8 oz. of"  # fmt: skip
    # calories: 250 cal each (was "two hundred fifty cal"), not a gun's caliber (.22 cal rifle)
    Rule(re.compile(r"(?<![\w.,])(?P<num>\d{1,4}(?:,\d{3})?)\s?cal\b(?![.-]\w)"),
         lambda m: m[0] if _GUN_WORDS.search(m.string, max(0, m.start() - 120), m.end() + 120) else
         _spaced(f"{read_number(m['num'], False)} calorie{'' if m['num'] == '1' or _after_article(m) else 's'}"),
         needs=("cal",)),
    # a force after a number: 9.81 N (newtons), where the sentence speaks of forces or the
    # number is a result ("= 9.8 N"); elsewhere N is also north ("5 km N") and a grade
    Rule(re.compile(rf"(?P<num>(?<![\w.,-]){_NUM}) N(?![\w°'’/·-]|\.\w| m\b)"), _newtons, needs=("0 N",)),
    # kelvin, millibars, knots, karats or amps by what the text speaks of: 273.15 K, 938 mb,
    # 15 kt, a 48 A breaker (were "K", "mb", "kt", "A"; "300 K people", "938 mb of data" stay)
    Rule(re.compile(rf"(?P<num>(?<![\w.,/-]){_NUM})(?P<unit> K| ?mb| ?kts?| ?A)(?![\w°'’/·-]|\.\w)"),
         _unit_by_context, needs=(" K", "mb", "kt", "A")),
    # a colour temperature: 2700K bulbs, 6500K white point (was "two thousand seven hundred K")
    Rule(re.compile(r"(?<![\w.,$€£¥₹-])(?P<num>[1-9]\d{3})K(?![\w/+-]|[.,]\d)"), _colour_temperature,
         needs=("0K",)),
    Rule(re.compile(r"(?<![\w.,])(?P<num>[1-9]\d{1,2}|\d{1,3}\.\d)K(?=\s+(?!(?:races|runs)\b)[a-z]{2,}s\b)"),
         _thousands, needs=("0K",)),  # 10K employees, 1.5K stars (a 5K run, 4K monitors: K)
    Rule(re.compile(r"(?<![\w.,-])(?P<num>\d{1,4}(?:\.\d{1,2})?)(?P<scale>[BT])"
                    r"(?=\s+(?:(?:and|or|to)\s+\d{1,4}(?:\.\d{1,2})?[BT]\s+)?"
                    r"(?P<noun>[a-z]{2,}s|people|children|adults)\b)"),
         _billions, needs=("0B", "0T")),  # 7B parameters, 15T tokens (a 7B model: B)  # fmt: skip
    Rule(re.compile(r"(?<![\w.,])(?P<num>\d{1,3})\s?y/o\b"),  # 25 y/o: years old
         lambda m: _spaced(f"{cardinal(int(m['num']))} year{'' if _after_article(m) else 's'} old"),
         needs=("y/o",)),
    Rule(re.compile(r"(?<![\d.,])(?P<num>\d+(?:\.\d+)?)in\b"),
         lambda m: _spaced(f"{read_number(m['num'], False)} inch{'' if m['num'] == '1' else 'es'}"),
         needs=("0in",)),
    # "in." with its period after a number, before a lowercase word or a comma, is inches: gapped
    # at 0.028–0.031 in. and torqued (was "in."); "2 in 3 people" stays
    Rule(re.compile(r"(?<![\d.,])(?P<num>\d+(?:\.\d+)?) in\.(?=[ \t]+[a-z]|[,;)])"),
         lambda m: _spaced(f"{read_number(m['num'], False)} inch"
                           f"{'' if m['num'] == '1' or _after_article(m) else 'es'}"),
         needs=("0 in.",)),
    Rule(re.compile(r"(?<![\w/.])(?P<n>\d{1,9}) / (?P<d>\d{1,9})(?![\w/]|\.\d)"),
         _spaced_score, needs=(" / ",)),  # I give it 10 / 10: a score, as 10/10 is
    Rule(re.compile(r"(?<![\w/.])(?:(?P<w>\d{1,9})\s)?(?P<n>\d{1,9})/(?P<d>\d{1,9})(?![\w/]|\.\d)"),
         _fraction, needs=("0/0",)),  # fmt: skip
    # 8. screen sizes (1920x1080: "nineteen twenty by ten eighty"), then arithmetic
    Rule(re.compile(r"(?<![\w.])(\d{3,4})[x×](\d{3,4})(?!\w|\.\d)"),
         lambda m: _spaced(f"{_in_pairs(int(m[1]))} by {_in_pairs(int(m[2]))}"), needs=("0x0", "0×0")),
    # a suite's three digits, in pairs as its maker says them: Office 365, Microsoft 365, and an
    # index's, Nikkei 225 (were "three hundred sixty-five"; Office 2007 stays a year)
    Rule(re.compile(r"\b(Microsoft|Office|Dynamics|Nikkei) ([1-9]\d\d)(?![\d%]|[.,]\d)"),
         lambda m: f"{m[1]} " + _spaced(_code_number(m[2])),
         needs=("Microsoft", "Office", "Dynamics", "Nikkei")),
    # 7b. model numbers, in pairs as they are said: A320, F-150, RTX 4090, Boeing 737
    Rule(re.compile(rf"(?:\b(?!(?:US|UK|EU|UN|I|A|HR|RHR) )(?P<name>[A-Z]{{2,6}} |{_MODEL_BRANDS} |[A-Z]-)|(?<=[A-Za-z]))"
                    rf"(?P<num>\d{{3,4}})(?![\d%]|[.,]\d|\s?(?:{_alternation(_UNITS)})(?!\w))"),
         lambda m: (m["name"] or "").rstrip("-") + _spaced(_code_number(m["num"])), needs=("000",)),  # fmt: skip
    Rule(re.compile(r"(?<=\d)\s?[x×]\s?(?=\d)"), " times ", needs=("x", "×")),
    Rule(re.compile(r"(?<=\d)\s?÷\s?(?=\d)|(?<=\d) / (?=\d)"), " divided by ",  # 10 / 2
         needs=("÷", " / ")),
    # a number over a bracket: f = 1/(2πRC) (the slash was dropped: "one (two pi RC)")
    Rule(re.compile(r"(?<![\w.,/])(\d+(?:\.\d+)?)/(?=\()"), r"\1 over ", needs=("0/(",)),
    Rule(re.compile(r"(?<=\d):(?=\d)"), " to ", needs=("0:0",)),
    Rule(re.compile(r"#(?=\d)"), " number ", needs=("#0",)),
    # 9. every other number
    Rule(re.compile(r"-?(?:\d+(?:,\d{3})*(?:\.\d+)+|\d+(?:,\d{3})*|\.\d+)"), _number),
]


_FILE_EXTENSIONS = ("txt|py|js|ts|tsx|jsx|json|yaml|yml|toml|md|csv|pdf|docx?|xlsx?|pptx?|html?|css|"
                    "conf|cfg|ini|env|log|sh|png|jpe?g|gif|svg|zip|mp3|mp4|wav|exe|sql|xml|ipynb")
"""A file's extension: its period is read "dot" (``notes.txt``), not as a sentence's stop."""

_AT_MOST, _AT_LEAST, _NOT_EQUAL, _ARROW = r"<=|≤", r">=|≥", r"!=|≠", r"->|=>|→|←|⇔|↔"
_ARROWS = {"←": " from ", "⇔": " if and only if ", "↔": " and "}  # Tokyo ↔ Osaka; else " to "
_ARROWS_ZH = {"←": "来自", "⇔": "当且仅当", "↔": "和"}  # else 到

_HASH = re.compile(f"#(?:(?P<topic>[{_CJK}][^#\\s]{{0,30}})#|(?P<zh>)(?=[{_CJK}])"
                   r"|(?P<tag>)(?<![\w&#]#)(?=[A-Za-z])(?!(?:include|define|ifn?def|endif|pragma|undef)\b)"
                   r"|)")


def _hash(m: re.Match[str]) -> str:
    """A Chinese topic's hashes are not read (``#人工智能#``, ``#春节快乐``), a hashtag is one
    (``#AI``; not C's ``#include``), any other hash is "hash"."""
    if m["topic"] is not None:
        return m["topic"]
    return "" if m["zh"] is not None else " hashtag " if m["tag"] is not None else " hash "


_EQUATION_BEFORE_ARROW = re.compile(r"(?<![=<>!])=(?![=>])[^=\n→]{0,40}$")
_EQUATION_AHEAD_ARROW = re.compile(r"[^=\n→]{0,40}?(?<![=<>!-])=(?![=>])")


def _arrow(m: re.Match[str]) -> str:
    """``←`` "from", ``↔`` "and" ... (``_ARROWS``); between equations "so" (``3x + 7 = 22 →
    x = 5``; was "to"); else "to" (Tokyo → Osaka)."""
    if m[0] in _ARROWS:
        return _ARROWS[m[0]]
    text = m.string
    if (_EQUATION_BEFORE_ARROW.search(text, max(0, m.start() - 60), m.start())
            and _EQUATION_AHEAD_ARROW.match(text, m.end())):  # fmt: skip
        return " so "
    return " to "


_MENU_VERB_BEFORE = re.compile(r"\b(?:[Gg]o to|[Oo]pen|[Tt]ap|[Cc]lick|[Ss]elect|[Nn]avigate to|"
                               r"[Cc]hoose|[Hh]ead to|[Uu]nder)\s+(?:the\s+)?[A-Z][\w ]{0,30}$")
_ARROW_BEFORE = re.compile(r"[A-Za-z][ \t]*(?:→|->)[ \t]*[A-Z][^\n→]{0,40}$")
_ARROW_AHEAD = re.compile(r"[^\n→]{0,40}?[A-Za-z][ \t]*(?:→|->)[ \t]*[A-Z]")


def _menu_arrow(m: re.Match[str]) -> str:
    """An arrow between capitalised words of a menu path, ``Go to Settings → Privacy`` or a
    chain, ``Settings → General → About``: ", then" (as ``>`` is); else "to" (Tokyo → Osaka)."""
    before = m.string[max(0, m.start() - 50) : m.start()]
    if (_MENU_VERB_BEFORE.search(before) or _ARROW_BEFORE.search(before)
            or _ARROW_AHEAD.match(m.string, m.end())):
        return ", then "
    return _ARROWS.get(m[0].strip(), " to ")


_EQUATION_BEFORE = re.compile(r"=[^\n=,;:.!?]*$")
"""An equation's sign before the slash, in the same clause: ``BMI = weight / height``."""
_LONE_LETTER_BEFORE = re.compile(r"(?<![\w'])[a-z]$")
_LONE_LETTER_AHEAD = re.compile(r"[a-z](?![\w'])")


_WORD_BEFORE_SLASH = re.compile(r"[A-Za-z]{3}\)?$")
_AMOUNT_AHEAD = re.compile(r"[$€£¥₹]?\d[\d,.]*[kKMB%]? ?[A-Za-z(]")
"""A word (or a bracket's words) before a spaced slash and an amount after it: the slash
parts two values, ``60 RPM / 10k TPM``, ``$4,150 (self-only) / $8,300 (family)``."""
_PER_WORD_AHEAD = re.compile(rf"(?:{_PER_WORDS})\b", re.I)


_MATH_BRACKET_BEFORE = re.compile(r"\((?:\s?[\w.]{1,3}\s?[-+*×·^−]){1,4}\s?[\w.]{1,3}\s?\)$")
"""A bracket of operands and operators before a spaced slash: ``(n - 1) / 2``, ``(a + b)``
(not ``(self-only)``: a word's hyphen)."""
_QUOTIENT_AHEAD = re.compile(r"\d|[(\[]|[a-z](?![\w'])")
_BRACKETED_NUMBER_AHEAD = re.compile(r"[(\[][\d.]+[)\]]")


def _spaced_slash(m: re.Match[str]) -> str:
    """A spaced slash between two lone small letters, a number and a bracketed one (``74.8 /
    (1.753)²``) or in a line with ``=`` divides: ``d / t``,
    ``BMI = weight (kg) / height (m)²`` (was dropped: "weight height"); after a bracket of
    operands, ``(n - 1) / 2``, it is "over", as ``(n-1)/2`` is (was dropped: "(n minus one)
    two"); else not read."""
    if (_MATH_BRACKET_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
            and _QUOTIENT_AHEAD.match(m.string, m.end())):
        return " over "
    lone = (_LONE_LETTER_BEFORE.search(m.string, max(0, m.start() - 3), m.start())
            and _LONE_LETTER_AHEAD.match(m.string, m.end())
            or m.string[m.start() - 1].isdigit() and _BRACKETED_NUMBER_AHEAD.match(m.string, m.end()))
    if (lone or _EQUATION_BEFORE.search(m.string, max(0, m.start() - 60), m.start())
            and not _PER_WORD_AHEAD.match(m.string, m.end())):
        return " ÷ "
    if _WORD_BEFORE_SLASH.search(m.string, max(0, m.start() - 30), m.start()) and _AMOUNT_AHEAD.match(
            m.string, m.end()):
        return ", "  # between two amounts with their words: 35 mpg hwy / 28 mpg city (was run together)
    return m[0]  # not read, as before: "Mac / PC"; a rate: "cost = $5 / month"


def _equality(m: re.Match[str]) -> str:
    """A comparison in code: ``==`` "is equal to" ("equals equals" says the characters, not
    the test; and ``x = 2``, "x equals two", is an assignment there), ``===`` "is strictly
    equal to" (JavaScript's test without type conversion)."""
    return " is strictly equal to " if len(m[0]) == 3 else " is equal to "


def _dash(m: re.Match[str]) -> str:
    """A pause, but an en dash between words joins them: ``mass–energy``, ``Dunning–Kruger``;
    between two capitals alone it is a range's, ``zones A–C`` (A to C; was "A-C"), not in a
    chain of them, ``D–A–D–G–B–E``."""
    before, after = m.string[m.start() - 1 : m.start()], m.string[m.end() : m.end() + 1]
    joins = m[0] == "–" and _LATIN_LETTER.fullmatch(before) and _LATIN_LETTER.fullmatch(after)
    if joins and _LETTER_RANGE.match(m.string, m.start() - 1):
        return " to "
    return "-" if joins else ", "


_LETTER_RANGE = re.compile(r"(?<![\w'–-])[A-Z]–[A-Z](?![\w'–-])")
"""Two capitals alone: ``zones A–C``; not a chain of them, ``D–A–D–G–B–E`` (a guitar's
tuning, was "D to A to D ..."), which stays joined."""


_MATH_SYMBOLS = {"∑": "the sum", "∫": "the integral of", "∈": "in", "∉": "not in",
                 "∩": "intersect", "∪": "union", "⊂": "subset of", "⊆": "subset of", "∀": "for all",
                 "∃": "there exists", "∂": "partial", "∇": "nabla", "∴": "therefore",
                 "∵": "because", "¬": "not", "∧": "and", "∨": "or", "ℝ": "R", "ℕ": "N", "ℤ": "Z",
                 "ℚ": "Q", "ℂ": "C"}  # fmt: skip
"""Signs of sets, logic and calculus as they are said (were dropped: ``x ∈ ℝ`` read "x ℝ",
``A ∩ B`` "A B")."""
_MATH_SYMBOLS_ZH = {"∑": "求和", "∫": "积分", "∈": "属于", "∉": "不属于", "∩": "交", "∪": "并",
                    "⊂": "包含于", "⊆": "包含于", "∀": "对于所有", "∃": "存在", "∴": "所以",
                    "∵": "因为"}  # fmt: skip
_MATH_SIGN = re.compile(f"[{''.join(_MATH_SYMBOLS)}]")


_BOUND = r"[-−+]?(?:[\w.]{1,12}|∞)"
_INTERVAL_AFTER_IN = re.compile(rf"([∈∉])[ \t]*[\[(][ \t]*({_BOUND})[ \t]*,[ \t]*({_BOUND})"
                                r"[ \t]*[\])]")
"""An interval after "in": ``x ∈ [0, 1]``, ``t ∈ (0, ∞)`` (its brackets were dropped and its
comma read as a pause: "x in zero, one")."""


def _read_math_signs(text: str, mostly_cjk: bool) -> str:
    """``x ∈ ℝ`` -> "x in R", ``A ∩ B`` -> "A intersect B" (属于, 交 ... in Chinese),
    ``x ∈ [0, 1]`` -> "x in the interval from 0 to 1": run on text that is not ASCII alone,
    before the signs are dropped as unreadable."""
    if mostly_cjk:
        return _MATH_SIGN.sub(lambda m: _MATH_SYMBOLS_ZH.get(m[0]) or f" {_MATH_SYMBOLS[m[0]]} ", text)
    if "∈" in text or "∉" in text:
        text = _INTERVAL_AFTER_IN.sub(lambda m: f"{m[1]} the interval from {m[2]} to {m[3]} ", text)
    return _MATH_SIGN.sub(lambda m: f" {_MATH_SYMBOLS[m[0]]} ", text)


_MINUS_BETWEEN = r"(?<=[\w)\]²³\x00])[ \t]*−[ \t]*(?=[\w(√\x00])"
"""The minus sign between two terms: ``3x − 5``, ``a − b`` (was dropped: "three x five")."""

_SYMBOLS: list[Rule] = [
    # a substitution's quote apart from its command's letter: sed 's/a/b/' (was joined to the
    # word before as a possessive, "sed's slash a")
    Rule(re.compile(r"(?<=\s)(['\"])(?=(?:s|y|tr)/[^/\n]*/[^/\n]*/)"), r"\1 ", needs=("/",)),
    # a spacing on center after inches or feet: studs 16" OC, 24 in. o.c. (was "OC"): on center
    Rule(re.compile(r"\b(?P<unit>inch|inches|feet|foot)\s+(?:OC|O\.C|o\.c)\b(?P<dot>\.)?"),
         lambda m: f"{m['unit']} on center" + ("." if m["dot"] and _SENTENCE_END_AHEAD.match(
             m.string, m.end()) else ""), needs=("OC", "O.C", "o.c")),  # fmt: skip
    Rule(re.compile(_MINUS_BETWEEN), " minus ", needs=("−",)),
    Rule(re.compile(r"−(?=[\w(√])"), " minus ", needs=("−",)),  # −x
    Rule(re.compile(r"\band/or\b"), "and or", needs=("and/or",)),
    # a ratio of two words: the gold/silver ratio, debt/equity ratio (was "gold slash silver")
    Rule(re.compile(r"\b([A-Za-z]{2,})/([A-Za-z]{2,})(?= ratios?\b)"), r"\1 to \2",
         needs=(" ratio",)),
    # one of two words: he/she, his/her, yes/no, true/false (was "he slash she"; other words
    # keep their slash: "stocks/bonds", "input/output" may be both)
    Rule(re.compile(r"\b(?i:(he|she|his|her|him|himself|herself|yes|no|true|false))/"
                    r"(?i:(?!\1\b)(?:he|she|his|her|him|himself|herself|yes|no|true|false))\b(?!/)"),
         lambda m: m[0].replace("/", " or "), needs=("/",)),
    # two plurals, both of a kind: stocks/bonds, pros/cons, cats/dogs (was "stocks slash
    # bonds"); not units, mins/secs, nor a path's parts, src/tests/
    Rule(re.compile(r"(?<![\w/.-])([A-Za-z][a-z]+[^siu\W\d_]s)/([a-z]{2,}[^siu\W\d_]s)(?![\w/-])"),
         _plurals_joined, needs=("s/",)),
    # a noun per a span of time: downtime/month, visits/week (was "downtime slash month"); not
    # between spans or parts of a date, day/month/year
    Rule(re.compile(r"(?<=[a-z]{3})/(day|week|month|year|hour|hr|yr|mo|wk|min|minute|sec|"
                    r"second)\b(?!/)"),
         lambda m: m[0] if _TIME_SPAN_BEFORE.search(m.string, max(0, m.start() - 8), m.start())
         else f" per {_per_word(m[1])}", needs=("/",)),
    Rule(re.compile(r"\b([Oo]ver)/under\b"), r"\1 under", needs=("ver/under",)),  # a bet's total
    Rule(re.compile(r"\b([ymq])/\1\b", re.I), lambda m: {"y": "year over year", "q": "quarter over "
         "quarter", "m": "month over month"}[m[1].lower()],  # y/y, m/m (not w/w: weight)
         needs=("/",)),
    Rule(re.compile(r"\b([A-Z]{1,5})/(?=[A-Z]{1,5}\b)"), r"\1 ",  # A/B testing, I/O, TCP/IP
         needs=("/",)),
    Rule(re.compile(r"(?<![A-Za-z0-9_])([CF])#(?![A-Za-z0-9_])"), r"\1 sharp", needs=("#",)),  # C#, F#, C#是
    Rule(re.compile(r"\b(Y|Q|M|W)o\1\b"), lambda m: {"Y": "year over year", "Q": "quarter over "
         "quarter", "M": "month over month", "W": "week over week"}[m[1]],  # YoY, QoQ
         needs=("Yo", "Qo", "Mo", "Wo")),
    Rule(re.compile(r"(?<![\w.])(\.\.?)/(?=[\w.])"),
         lambda m: " dot dot slash " if m[1] == ".." else " dot slash ",  # ./configure, ../lib
         needs=("/",)),
    Rule(re.compile(r"(?<=[A-Za-z])\.js\b"), " J S", needs=(".js",)),  # Node.js
    Rule(re.compile(r"(?<![\w.])\.(?=[A-Za-z]{2})"), "dot ",  # .NET, .env, a .com domain
         needs=(".",)),
    Rule(re.compile(rf"(?<=[A-Za-z0-9_])\.(?=(?:{_FILE_EXTENSIONS})\b)"), " dot ",  # app.py
         needs=(".",)),
    Rule(re.compile(r"\bw/(?=\s)"), "with", needs=("w/",)),
    Rule(re.compile(r"(?<![\w/])([Ww])/o\b(?!/)"), r"\1ithout", needs=("w/o", "W/o")),  # w/o sugar
    Rule(re.compile(r"(?<![\w/])([Bb])/c\b(?!/)"), r"\1ecause", needs=("b/c", "B/c")),  # b/c
    Rule(re.compile(r"(?<=\w)\(\)"), "", needs=("()",)),  # a function's call: get_user()
    Rule(re.compile(_AT_MOST), " at most ", needs=("<=", "≤")),
    Rule(re.compile(_AT_LEAST), " at least ", needs=(">=", "≥")),
    Rule(re.compile(r"!=="), " not strictly equal to ", needs=("!==",)),  # JavaScript's
    Rule(re.compile(_NOT_EQUAL), " not equal to ", needs=("!=", "≠")),
    Rule(re.compile(r"(?<![=!<>])={2,3}(?!=)"), _equality, needs=("==",)),  # x == 2, a === b
    # a menu path: Settings → General → About (Settings, then General ...; was "to")
    Rule(re.compile(r"(?<=[A-Za-z]{2})[ \t]*(?:→|->)[ \t]*(?=[A-Z][a-z])"), _menu_arrow,
         needs=("→", "->")),  # Step 1 → Step 2: a number read leaves two spaces before the arrow
    Rule(re.compile(_ARROW), _arrow, needs=("->", "=>", *"→←⇔↔")),
    Rule(re.compile(r"(?<![\w-])--(?=[a-z])"), " dash dash ",  # a command's option: --verbose
         needs=("--",)),
    Rule(re.compile(r"(?<![A-Za-z'][a-z])(?<=[a-z]) - (?=[a-z](?![\w']))"), " minus ",  # x - y
         needs=(" - ",)),
    Rule(re.compile(r"(?:(?<=[(=])|(?<=[(=] ))-(?=[A-Za-z](?![\w']))"), "minus ",  # (-b ± ...)
         needs=("(-", "( -", "=-", "= -")),
    Rule(re.compile(r"[–—]|(?<=\s)-(?=\s)|--+"), _dash, needs=("–", "—", "-")),
    Rule(re.compile(r"&&?"), " and ", needs=("&",)),  # && in a shell command too
    Rule(re.compile(r"@"), " at ", needs=("@",)),
    Rule(re.compile("(?<=\x00)\\+(?![\\d\x00])"), "多",  # 100+个 (a number kept for Chinese): 100多个
         needs=("\x00",)),
    Rule(re.compile(r"\+/?[-\u2212]"), " plus or minus ", needs=("+",)),  # +/- 2 mm
    Rule(re.compile(r"\+"), " plus ", needs=("+",)),
    Rule(re.compile(r"="), " equals ", needs=("=",)),
    Rule(re.compile(r"±"), " plus or minus ", needs=("±",)),
    # after a word that says it already, a tilde or ≈ is not read: about ~5 min (was "about
    # about")
    Rule(re.compile(r"\b((?i:about|around|approximately|roughly|nearly|almost|circa))"
                    r"[ \t]?[~≈][ \t]?"),
         r"\1 ", needs=("~", "≈")),
    Rule(re.compile(r"≈"), _approximately, needs=("≈",)),
    # after an article, roughly: a ~10-day mission (was "a about ten day mission")
    Rule(re.compile(r"\b([Aa])n?[ \t]+~[ \t]?(?=\w)"), r"\1 roughly ", needs=("~",)),
    # after "every", before it: every ~92 min (was "every about ninety-two minutes")
    Rule(re.compile(r"\b([Ee])very[ \t]+~[ \t]?(?=\w)"),
         lambda m: f"{'A' if m[1] == 'E' else 'a'}bout every ", needs=("~",)),
    Rule(re.compile(r"~(?=\s?\w)"), " about ", needs=("~",)),
    Rule(re.compile(r"<"), " less than ", needs=("<",)),
    Rule(re.compile(r"(?<=[A-Za-z]{2}) > (?=[A-Z][a-z])"), ", then ",  # Settings > Privacy
         needs=(" > ",)),
    Rule(re.compile(r">"), " greater than ", needs=(">",)),
    Rule(re.compile(r"×"), " times ", needs=("×",)),
    Rule(re.compile(r"÷"), " divided by ", needs=("÷",)),
    Rule(re.compile(r"%"), " percent ", needs=("%",)),
    Rule(re.compile(r"‰"), " per mille ", needs=("‰",)),  # 5‰: per thousand
    Rule(re.compile(r"(?<=\b[Cc]opyright)\s*©|(?<=\bCOPYRIGHT)\s*©"), "",  # Copyright © 2024
         needs=("©",)),
    Rule(re.compile(r"©"), " copyright ", needs=("©",)),  # © 2024 Acme
    # one degree after "per", "each", "a": 12 ppm per °C (was "per degrees Celsius")
    Rule(re.compile(r"\b((?i:per|each|a|one))[ \t]*°"), r"\1 degree ", needs=("°",)),
    Rule(re.compile(r"°"), " degrees ", needs=("°",)),
    Rule(re.compile(r"\b(degrees?)\s+([CF])\b(?![\w'-]|\.\w)"),  # 12 degrees C: Celsius
         lambda m: f"{m[1]} {'Celsius' if m[2] == 'C' else 'Fahrenheit'}", needs=("degree",)),
    Rule(re.compile(r"§\s?§"), " sections ", needs=("§",)),  # §§ 101-122
    Rule(re.compile(r"§"), " section ", needs=("§",)),
    Rule(re.compile(r"√"), " the square root of ", needs=("√",)),
    Rule(re.compile(r"∞"), " infinity ", needs=("∞",)),
    Rule(_HASH, _hash, needs=("#",)),
    Rule(re.compile(f"(?<=[{_CJK}A-Za-z\x00])/(?=[{_CJK}])"), "每",  # 29元/月: yuan per month
         needs=("/",)),
    Rule(re.compile(r"(?<=\w)/(?=\w)"), " slash ", needs=("/",)),
    Rule(re.compile(r"(?<=\))/(?=\(|[A-Za-z]\b)"), " over ", needs=(")/",)),  # (a+b)/c
    # a variable over a bracket: x/(1+x) (not a unit's, J/(mol·K), g/(kg·d), nor w/ "with")
    Rule(re.compile(r"(?<![\w.][A-Za-z])(?<=[abcdknptxyz])/(?=\()"), " over ",
         needs=("/(",)),
    # any other minus sign is one (it is never a hyphen): "= −π³" minus pi cubed, the
    # negative "(−)" terminal (both were dropped)
    Rule(re.compile(r"−"), " minus ", needs=("−",)),
    Rule(re.compile(r"[~^*/|\\_`$€£¥₹₩₽¢{}\[\]]"), " "),  # code's brackets: arr[i], \d{3}
]

_CJK_SYMBOLS: list[Rule] = [
    Rule(re.compile(_ARROW), lambda m: _ARROWS_ZH.get(m[0], "到"),  # first: "=>" is no "="
         needs=("->", "=>", *"→←⇔↔")),
] + [Rule(re.compile(pattern), words, needs) for pattern, words, needs in [
    (_AT_MOST, "小于等于", ("<=", "≤")), (_AT_LEAST, "大于等于", (">=", "≥")),
    ("!==", "不全等于", ("!==",)), (_NOT_EQUAL, "不等于", ("!=", "≠")), ("≈", "约等于", ("≈",)),
    ("(?<![=!<>])===(?!=)", "全等于", ("===",)), ("={1,2}", "等于", ("=",)),  # x==2: 等于
    (f"(?<=[{_CJK}]) > (?=[{_CJK}])", "，", (" > ",)),  # a menu path: 设置 > 隐私
    (f"(?<=[{_CJK}])#(?=[A-Za-z0-9\x00])", "", ("#",)),  # 订单#A-102, #AI#话题: a code's, a topic's
    ("#(?=号)", "井", ("#号",)),  # 按#号键: 井号键
    (r"(?<![A-Za-z]{2} )<(?! [A-Z])", "小于", ("<",)),
    (r"(?<![A-Za-z]{2} )>(?! [A-Z])", "大于", (">",)),
    ("×", "乘", ("×",)), ("÷", "除以", ("÷",)), ("&", "和", ("&",)),
    ("±", "正负", ("±",)), ("√", "根号", ("√",)), (_MINUS_BETWEEN, "减", ("−",)),
    (r"\+", "加", ("+",)),  # 点击+号: 加号
    ("−", "负", ("−",)),  # a minus sign left: 负
    # a tilde between weekdays or Chinese numerals is a range's (周一~周五 周一到周五); any
    # other is a tone's (好的呢~有什么 好的呢，有什么; was "about"): a pause before a word
    ("(?<=[周期拜][一二三四五六日天])[ \t]?[~～][ \t]?(?=(?:周|星期|礼拜)[一二三四五六日天])|"
     "(?<=[一二三四五六七八九十两])[~～](?=[一二三四五六七八九十两])", "到", ("~", "～")),
    (r"[~～]+(?=[ \t]*\w)", "，", ("~", "～")),
]]
"""Symbols in mostly-CJK text (``reads_chinese``), read in Chinese (the numbers around them
stay as written there); what is left goes through ``_SYMBOLS``."""

_GREEK_LETTER = re.compile(r"(?<![\u0370-\u03ff])[\u0391-\u03a9\u03b1-\u03c9](?![\u0370-\u03ff])")
_GREEK_WORD = re.compile(r"[\u0370-\u03ff]{2}")


def _greek_letters(text: str) -> str:
    """A Greek letter on its own (``πr``, ``Δx``, ``σ = 2``) is read as its name, unless the
    text holds Greek words: then it is Greek, and its one-letter words are left alone."""
    if text.isascii() or _GREEK_LETTER.search(text) is None or _GREEK_WORD.search(text):
        return text
    return _GREEK_LETTER.sub(
        lambda m: f" {unicodedata.name(m[0], '').rsplit(' ', 1)[-1].lower()} ", text)


_SPACING: list[Rule] = [
    Rule(re.compile(r"\s+"), " "),
    Rule(re.compile(r" (?=[,;:!?)\]]|\.(?!\w)|'s\b)|(?<=[(\[]) "), "",  # "fifteen 's": possessive
         needs=(" ,", " ;", " :", " !", " ?", " )", " ]", " .", " 's", "( ", "[ ")),
    Rule(re.compile(r"([,;:])(?:\s*[,;:])+"), r"\1", needs=(",", ";", ":")),
    # a quote's inside keeps no space a reading left at its ends: '2024-01-01' was "' January
    # first, twenty twenty-four '", "8081:8080" "\"eighty eighty-one colon eighty eighty \""
    Rule(re.compile(r"^[^'\"\n]*['\"].*$", re.M), _quotes_unspaced, needs=("'", '"')),
    Rule(re.compile(r"\b(mid|early|late|pre|post)- (?=[a-z])"), r"\1-",  # mid-90s: mid-nineties
         needs=("- ",)),
    Rule(re.compile(r"^[\s,;:.]+(?=\S)"), ""),
    Rule(re.compile(r"([!?…])\1{2,}"), r"\1",  # "!!!!" is read as "!": the model gains nothing
         needs=("!", "?", "…")),
    Rule(re.compile(r"\.{4,}"), "...", needs=("....",)),  # from a run of marks but tokens to read
]



_DIGIT = re.compile(r"\d")


CJK_CHAR = re.compile(f"[{_CJK}]")
"""One Chinese, Japanese or Korean character (the segmenter weighs them too)."""
CJK_WEIGHT = 3
"""A Chinese, Japanese or Korean character (a syllable, about a word) weighs this many Latin
letters: in segment lengths, and when deciding whether text is mostly CJK."""
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_NUMBER_RUN = re.compile(r"[$¥€£+]?[\d.,:%]+(?:-[\d.,:%]+)*(?:°[CF]?|℃)?")
"""A number with its signs; hyphenated groups stay one (``400-800-1234``, ``9:00-18:00``)."""


_TILDE_RANGE = re.compile(r"(?:(?<=[\d%])|(?<=\d°[CF]))\s?[~～]\s?(?=[$€£¥₹]?\d)")
"""``10~20``, ``100～200``: a range, as a tilde between numbers is in LLM text."""


_DATE_BEFORE = re.compile(r"(?<![\d/.-])(?:\d{4}([/.-])\d{1,2}\1\d{1,2}|\d{1,2}([/.])\d{1,2}\2\d{4})$")
"""A whole date (2033/9/24, 2024-01-15, 9/24/2033, 24.09.2033) ends the text before a tilde."""


def _tilde_range(m: re.Match[str], mostly_cjk: bool) -> str:
    """The tilde of a range: "到" in Chinese, Japanese or Korean text (the numbers stay as
    written there), else a hyphen, which the range rule reads as "to"; after a date, "to"
    (a hyphen there would join the next number to the date: "2033/9/24~14 March")."""
    if mostly_cjk or CJK_CHAR.search(m.string, max(0, m.start() - 12), m.end() + 12):
        return "到"
    if _DATE_BEFORE.search(m.string, max(0, m.start() - 10), m.start()) or m.string[m.start() - 1] in "CF":
        return " to "  # after a temperature too: 5°C~10°C (was "about")
    return "-"


_ZH_PUNCTUATION = re.compile("[，。！？；：、]")
"""Chinese punctuation: a sentence that holds it was written in Chinese, so its CJK characters
and marks weigh twice as much against its Latin letters ("Claude 3.5 Sonnet 和 GPT-4 相比。"; an English
sentence that quotes "你好，世界" stays English), and a line of signs without CJK characters is
Chinese ("1+1=2，2×3=6。")."""
_LATIN_WORD = re.compile("[A-Za-z]{3}")


def reads_chinese(text: str, after_chinese: bool = False) -> bool:
    """Whether ``text`` (a segment) is read as Chinese: at least one CJK character, and they
    weigh at least as much as the Latin letters (``CJK_WEIGHT`` each): "iPhone 15 Pro的价格是
    7999元" is a Chinese sentence that names a product, read with its numbers as written, like
    the next sentence of the same answer. Chinese punctuation doubles the CJK characters'
    weight ("Claude 3.5 Sonnet 和 GPT-4 相比。"), and makes a Chinese answer's line of numbers,
    signs and variables without them Chinese ("x=1.5，y=-2.3。"), unless an English word is in
    it. So does ``after_chinese``, the previous segment of the same answer read as Chinese: a
    table's row of amounts, ``| ¥1,299 | ¥2,499 |``, is cut into a segment of its own (a line
    break ends a sentence) and has nothing else to say how it is read (yuan, not yen)."""
    if after_chinese and CJK_CHAR.search(text) is None:
        return _LATIN_WORD.search(text) is None
    if after_chinese and text.lstrip().startswith("|"):
        return True  # a row of a Chinese table: | iPhone 15 | 6.1英寸 | 3349mAh | (not yen)
    if text.isascii():
        return False
    cjk = len(CJK_CHAR.findall(text))
    if _ZH_PUNCTUATION.search(text) is None:
        return cjk > 0 and CJK_WEIGHT * cjk >= len(_LATIN_LETTER.findall(text))
    if cjk == 0:
        return _LATIN_WORD.search(text) is None
    marks = len(_ZH_PUNCTUATION.findall(text))
    return 2 * CJK_WEIGHT * (cjk + marks) >= len(_LATIN_LETTER.findall(text))


def _protect_cjk_digits(text: str, mostly_cjk: bool) -> tuple[str, list[str]]:
    """Take numbers out of the text (returned in order) that are read in Chinese, Japanese or
    Korean: those that touch a CJK character, and, in text that is mostly CJK
    (``reads_chinese``), every one, with its currency, percent or degree sign
    (``温度是 25°C`` must not read "twenty-five degrees Celsius" mid-sentence)."""
    kept: list[str] = []
    if CJK_CHAR.search(text) is None:
        return text, kept

    def stash(m: re.Match[str]) -> str:
        before = text[m.start() - 1 : m.start()]
        after = text[m.end() : m.end() + 1]
        touches = mostly_cjk or CJK_CHAR.match(before) or CJK_CHAR.match(after)
        if not touches or _DIGIT.search(m.group(0)) is None:
            return m.group(0)
        kept.append(m.group(0))
        return "\x00"

    return _NUMBER_RUN.sub(stash, text), kept


def speakable(text: str) -> bool:
    """Whether normalised ``text`` holds a letter or digit (of any script). Text of only
    punctuation (a lone "," left of a dash, "!!!!", "()") gives the model nothing to read:
    it babbles or says nothing, so such segments are not sent to it."""
    return any(c.isalnum() for c in text)


def normalize_text(text: str, after_chinese: bool = False) -> str:
    """Rewrite ``text`` so that it holds only words the model can read (see module docstring).

    Args:
        text: any string (a segment cut by the segmenter, usually).
        after_chinese: the previous segment of the same answer was read as Chinese
            (``reads_chinese``): a segment of numbers and signs alone is read as Chinese too.

    Returns:
        The normalised text, whitespace collapsed and stripped; at most ``MAX_EXPANSION``
        times as long as ``text``. The rules stay under that bound by themselves; the final
        cut is only a guard against a rule added later that does not. Likewise, a rule that
        raises (a bug: the rules are meant never to) costs this text its readings, not the
        session: it is then passed on as written, whitespace collapsed.
    """
    try:
        out = rewrite(text, after_chinese=after_chinese)
    except Exception:
        log.exception("text normalisation failed on %d characters; passed on as written",
                      len(text))  # fmt: skip
        out = " ".join(text.split())
    limit = MAX_EXPANSION * len(text)
    return out if len(out) <= limit else out[:limit].rsplit(" ", 1)[0]


def rewrite(text: str, protect_cjk: bool = True, after_chinese: bool = False) -> str:
    """The normalisation rules, applied in order, without the length guard.

    ``protect_cjk``: keep numbers in Chinese, Japanese or Korean text as written
    (``_protect_cjk_digits``). Should a rule ever drop or add one of their placeholders, the
    numbers could come back in the wrong places (a price read where a quantity was written):
    then the text is read again without that protection, every number in English words.
    """
    original = text
    text = text.replace("\x00", "")
    mostly_cjk = reads_chinese(text, after_chinese)  # decided once, on the text as written
    if "[" in text or "【" in text:
        text = _apply(_CITATIONS_EARLY, text)  # before 【1】 is read 【一】
    if mostly_cjk:  # its numbers read in Chinese (the addresses are read below)
        text = read_chinese(text, skip=_ADDRESS)
    text = _fold(text)
    if not text.isascii():
        text = read_flags(text, mostly_cjk)  # 🇯🇵: Japan (the other emoji are dropped below)
        text = _read_math_signs(text, mostly_cjk)  # x ∈ ℝ: x in R
    text = read_inline_code(text)  # before math and LaTeX take its $ and \d for theirs
    has_digits = _DIGIT.search(text) is not None  # every number rule needs a digit
    if has_digits and ("~" in text or "～" in text):
        text = _TILDE_RANGE.sub(lambda m: _tilde_range(m, mostly_cjk), text)
    text, kept = (_protect_cjk_digits(text, mostly_cjk) if has_digits and protect_cjk
                  else (text, []))  # fmt: skip
    if "$" in text:  # $x = 3$: inline math, before its commands are read (with spaces)
        text = _INLINE_MATH.sub(_inline_math, text)
    if "\\" in text or "$$" in text:
        text = _apply(_LATEX, text)
    text = _apply(_MARKDOWN, text)
    if "^" in text:
        text = _apply(_POWERS, text)
    text = _apply(_ADDRESSES, text)
    text = _apply(_ABBREVIATIONS, text)
    if has_digits:
        text = _apply(_NUMBERS, text)
    text = _greek_letters(_drop_unreadable(text))
    if mostly_cjk:
        text = _apply(_CJK_SYMBOLS, text)  # 1+1=2 in Chinese: 等于, not "equals"
    text = _apply(_SYMBOLS, text)
    text = _apply(_SPACING, text).strip()
    if text.count("\x00") != len(kept):
        return rewrite(original, protect_cjk=False, after_chinese=after_chinese)
    for number in kept:
        text = text.replace("\x00", number, 1)
    return text

"""Units of measure as news writes them, normalised and converted with pint.

:data:`UNITS` maps each canonical symbol ("km²", "mi²", "USD", "day") to its
figure type and pint expression; :data:`SURFACE_FORMS` maps what writers type
("square kilometres", "sq mi", "hectares", "bn dollars") to the symbol.
The pint registry is built once, on first use (it takes a moment).
"""

from __future__ import annotations

import re
from functools import lru_cache

from toolkit.errors import ToolkitError

#: canonical symbol → (figure type, pint expression or None when pint cannot
#: convert it, e.g. currencies)
UNITS: dict[str, tuple[str, str | None]] = {
    # area
    "km²": ("area", "kilometer**2"), "mi²": ("area", "mile**2"),
    "m²": ("area", "meter**2"), "ft²": ("area", "foot**2"),
    "ha": ("area", "hectare"), "acre": ("area", "acre"),
    # length
    "km": ("length", "kilometer"), "mi": ("length", "mile"), "m": ("length", "meter"),
    "cm": ("length", "centimeter"), "mm": ("length", "millimeter"),
    "ft": ("length", "foot"), "in": ("length", "inch"), "yd": ("length", "yard"),
    "nmi": ("length", "nautical_mile"),
    # mass
    "t": ("mass", "metric_ton"), "ton": ("mass", "short_ton"), "kg": ("mass", "kilogram"),
    "g": ("mass", "gram"), "mg": ("mass", "milligram"), "lb": ("mass", "pound"),
    "oz": ("mass", "ounce"), "µg": ("mass", "microgram"),
    "dm": ("length", "decimeter"), "µm": ("length", "micrometer"), "nm": ("length", "nanometer"),
    # never read from "pm" / "am" alone (times of day): only after a decimal
    # that cannot be a time ("2.1 pm", see figure_patterns.SMALL_LENGTH_RE)
    "pm": ("length", "picometer"), "am": ("length", "attometer"),
    "tbsp": ("volume", "tablespoon"), "tsp": ("volume", "teaspoon"), "cup": ("volume", "cup"),
    # data
    "B": ("data", "byte"), "kB": ("data", "kilobyte"), "MB": ("data", "megabyte"),
    "GB": ("data", "gigabyte"), "TB": ("data", "terabyte"), "bit": ("data", "bit"),
    "PB": ("data", "petabyte"), "EB": ("data", "exabyte"),
    # volume
    "ft³": ("volume", "foot**3"), "L": ("volume", "liter"), "mL": ("volume", "milliliter"),
    "m³": ("volume", "meter**3"), "gal": ("volume", "gallon"),
    "bbl": ("volume", "oil_barrel"), "bbl/day": ("rate", "oil_barrel/day"),
    # speed
    "km/h": ("speed", "kilometer/hour"), "mph": ("speed", "mile/hour"),
    "kn": ("speed", "knot"), "m/s": ("speed", "meter/second"),
    # temperature
    "°C": ("temperature", "degree_Celsius"), "°F": ("temperature", "degree_Fahrenheit"),
    # "degrees" with no scale: an angle, unless the sentence is about temperature
    "°": ("angle", "degree"),
    # earthquake magnitude (a scale, not a unit pint knows)
    "magnitude": ("magnitude", None),
    # power and energy
    "kW": ("power", "kilowatt"), "MW": ("power", "megawatt"), "GW": ("power", "gigawatt"),
    "kWh": ("energy", "kilowatt_hour"), "MWh": ("energy", "megawatt_hour"),
    "GWh": ("energy", "gigawatt_hour"), "TWh": ("energy", "terawatt_hour"),
    "Wh": ("energy", "watt_hour"), "cL": ("volume", "centiliter"),
    # time spans
    "second": ("duration", "second"), "minute": ("duration", "minute"),
    "hour": ("duration", "hour"), "day": ("duration", "day"), "week": ("duration", "week"),
    "month": ("duration", "month"), "year": ("duration", "year"),
    "decade": ("duration", "decade"), "century": ("duration", "century"),
    # shares
    "%": ("percent", "percent"), "pp": ("percent", None), "bp": ("percent", None),
    # money (no exchange rates: never converted): every ISO 4217 code, from
    # pycountry (added below), and bitcoin
    "BTC": ("money", None),
    # a hundredth of a currency the text does not name
    "cent": ("money", None), "penny": ("money", None),
    # coins and parts of a currency named on their own
    "dime": ("money", None), "satoshi": ("money", None),
    # a franc whose country the text does not name (Swiss, CFA, French...): no one code
    "franc": ("money", None),
    # currencies withdrawn from use, still met in archives and history pieces
    "FRF": ("money", None), "BEF": ("money", None), "ESP": ("money", None),
    "FIM": ("money", None), "NLG": ("money", None), "DEM": ("money", None),
    "GRD": ("money", None), "ITL": ("money", None), "ATS": ("money", None),
    "PTE": ("money", None),
    # short times and the absolute scale
    "ms": ("duration", "millisecond"), "µs": ("duration", "microsecond"),
    "ns": ("duration", "nanosecond"), "K": ("temperature", "kelvin"),
}

#: Written forms after a number → canonical symbol. Matched case-insensitively
#: except where the form is listed in :data:`CASE_SENSITIVE`.
SURFACE_FORMS: dict[str, str] = {}


def _add(symbol: str, *forms: str) -> None:
    for form in forms:
        SURFACE_FORMS[form] = symbol


_add("km²", "square kilometers", "square kilometres", "square kilometer", "square kilometre",
     "sq km", "sq. km", "sq kilometers", "sq kilometres", "km2", "km²", "sqkm")
_add("mi²", "square miles", "square mile", "sq miles", "sq mi", "sq. mi", "sq. miles", "mi²")
_add("m²", "square meters", "square metres", "square meter", "square metre", "sq m", "m2", "m²")
_add("ft²", "square feet", "square foot", "sq ft", "sq. ft", "ft²")
_add("ha", "hectares", "hectare", "ha")
_add("acre", "acres", "acre")
_add("km", "kilometers", "kilometres", "kilometer", "kilometre", "km", "kms")
_add("mi", "miles", "mile", "mi")
_add("nmi", "nautical miles", "nautical mile")
_add("m", "meters", "metres", "meter", "metre", "m")
_add("cm", "centimeters", "centimetres", "centimeter", "centimetre", "cm")
_add("mm", "millimeters", "millimetres", "millimeter", "millimetre", "mm")
_add("ft", "feet", "foot", "ft")
_add("in", "inches", "inch")
_add("yd", "yards", "yard")
_add("t", "tonnes", "tonne", "metric tons", "metric ton", "metric tonnes")
_add("ton", "tons", "ton")
_add("kg", "kilograms", "kilogrammes", "kilogram", "kilogramme", "kilos", "kg", "kgs")
_add("g", "grams", "grammes", "gram", "gramme")
_add("mg", "milligrams", "milligram", "milligrammes", "milligramme", "mg")
_add("lb", "pounds", "pound", "lbs", "lb")
_add("oz", "ounces", "ounce", "oz")
_add("µg", "micrograms", "microgram", "microgrammes", "microgramme", "µg", "μg", "mcg")
_add("dm", "decimeters", "decimetres", "decimeter", "decimetre", "dm")
_add("µm", "micrometers", "micrometres", "micrometer", "micrometre", "microns", "micron", "µm")
_add("nm", "nanometers", "nanometres", "nanometer", "nanometre")
_add("tbsp", "tablespoons", "tablespoon", "tbsp")
_add("tsp", "teaspoons", "teaspoon", "tsp")
_add("cup", "cups", "cup")
_add("kB", "kilobytes", "kilobyte", "KB", "kB")
_add("MB", "megabytes", "megabyte", "MB")
_add("GB", "gigabytes", "gigabyte", "GB")
_add("TB", "terabytes", "terabyte", "TB")
_add("PB", "petabytes", "petabyte", "PB")
_add("EB", "exabytes", "exabyte", "EB")
_add("bit", "bits", "bit")
_add("L", "litres", "liters", "litre", "liter")
_add("mL", "millilitres", "milliliters", "millilitre", "milliliter", "ml")
_add("m³", "cubic meters", "cubic metres", "cubic meter", "cubic metre", "m3", "m³")
_add("gal", "gallons", "gallon")
_add("ft³", "cubic feet", "cubic foot", "cu ft", "ft³", "ft3")
_add("bbl", "barrels", "barrel")
_add("bbl/day", "bpd", "b/d", "bopd")  # oil output: "1.2 million bpd"
_add("km/h", "kilometers per hour", "kilometres per hour", "kilometers an hour",
     "kilometres an hour", "km/h", "kmh", "kph", "kmph", "km/hr")
_add("mph", "miles per hour", "miles an hour", "mph")
_add("kn", "knots", "knot")
_add("m/s", "meters per second", "metres per second", "m/s")
for _deg in ("degrees ", "degree ", "deg ", "deg. ", ""):
    _add("°C", *(f"{_deg}{scale}" for scale in ("celsius", "centigrade", "celcius", "c")
                 if _deg or len(scale) > 1))
    _add("°F", *(f"{_deg}{scale}" for scale in ("fahrenheit", "farenheit", "f")
                 if _deg or len(scale) > 1))
_add("°C", "°c", "ºc", "° c", "C")
_add("°F", "°f", "ºf", "° f", "F")
_add("°", "degrees", "degree", "°", "º", "deg")
_add("magnitude", "magnitude")
_add("kW", "kilowatts", "kilowatt", "kw")
_add("MW", "megawatts", "megawatt", "mw")
_add("GW", "gigawatts", "gigawatt", "gw")
_add("kWh", "kilowatt hours", "kilowatt-hours", "kwh")
_add("MWh", "megawatt hours", "megawatt-hours", "mwh")
_add("GWh", "gigawatt hours", "gigawatt-hours", "gwh")
_add("TWh", "terawatt hours", "terawatt-hours", "twh")
_add("second", "seconds", "second", "secs", "sec")
_add("minute", "minutes", "minute", "mins", "min")
_add("hour", "hours", "hour", "hrs", "hr")
_add("day", "days", "day")
_add("week", "weeks", "week")
_add("month", "months", "month")
_add("year", "years", "year", "yrs")
_add("decade", "decades", "decade")
_add("century", "centuries", "century")
_add("%", "%", "percent", "per cent", "pct", "pc", "per-cent", "percents", "percentage")
_add("pp", "percentage points", "percentage point", "ppt", "ppts")
_add("bp", "basis points", "basis point", "bps", "bp")
_add("USD", "dollars", "dollar", "usd", "us dollars", "u.s. dollars")
_add("EUR", "euros", "euro", "eur")
_add("GBP", "pounds sterling", "sterling", "gbp")
_add("JPY", "yen", "jpy")
_add("CNY", "yuan", "renminbi", "cny", "rmb", "chinese yuan")
_add("RUB", "roubles", "rubles", "rouble", "ruble", "rub")
_add("UAH", "hryvnias", "hryvnia", "hryvnas", "uah")
_add("INR", "rupees", "rupee", "inr")
_add("CHF", "swiss francs", "chf")
_add("HKD", "hong kong dollars", "hkd")
_add("SGD", "singapore dollars", "sgd")
_add("NZD", "new zealand dollars", "nzd")
_add("CAD", "canadian dollars", "cad")
_add("AUD", "australian dollars", "aud")
_add("BRL", "reais", "brazilian reais", "brl")
_add("MXN", "mexican pesos", "mxn")
_add("ZAR", "rand", "south african rand", "zar")
_add("NGN", "naira", "ngn")
_add("KES", "kenyan shillings", "kes")
_add("TRY", "turkish lira", "lira")
_add("SEK", "swedish kronor", "kronor", "sek")
_add("NOK", "norwegian kroner", "nok")
_add("DKK", "danish kroner", "dkk")
_add("PLN", "zlotys", "zloty", "pln")
_add("HUF", "forints", "forint", "huf")
_add("THB", "baht", "thb")
_add("MYR", "ringgit", "myr")
_add("AED", "dirhams", "dirham", "aed")
_add("SAR", "riyals", "riyal", "saudi riyals")
_add("EGP", "egyptian pounds", "egp")
_add("PKR", "pakistani rupees", "pkr")
_add("KRW", "korean won", "krw")
_add("ILS", "shekels", "shekel", "ils")
_add("IDR", "rupiah", "idr")
_add("CZK", "koruna", "czech crowns", "czk")
_add("BTC", "bitcoins", "bitcoin", "btc")
_add("dime", "dimes", "dime")
_add("satoshi", "satoshis", "satoshi")
_add("franc", "francs", "franc")
_add("FRF", "french francs", "french franc")
_add("BEF", "belgian francs", "belgian franc")
_add("ESP", "pesetas", "peseta", "spanish pesetas")
_add("FIM", "markkaa", "markka", "markkas", "finnish markka", "finnish markkaa", "finnish markkas")
_add("NLG", "guilders", "guilder", "dutch guilders", "netherlands guilders", "netherlands guilder")
_add("DEM", "deutsche marks", "deutsche mark", "deutschmarks", "deutschmark")
_add("GRD", "drachmas", "drachmae", "drachma")
_add("ITL", "lire", "italian lire")
_add("ATS", "schillings", "austrian schillings")
_add("PTE", "portuguese escudos")
_add("ms", "milliseconds", "millisecond", "msec")
_add("µs", "microseconds", "microsecond")
_add("ns", "nanoseconds", "nanosecond")
_add("K", "kelvin", "kelvins", "degrees kelvin")
_add("EUR", "€")


def _iso_currencies() -> None:
    """Every ISO 4217 currency from pycountry: its code (as written, upper case:
    "ALL", "TOP" are also English words) and its multi-word English name with
    the plural ("Canadian Dollar(s)", "Costa Rican Colon(s)")."""
    import pycountry

    for currency in pycountry.currencies:
        code, name = currency.alpha_3, currency.name
        if code.startswith("X") and code not in ("XAF", "XOF", "XCD", "XPF"):
            continue  # metals, drawing rights, test codes
        UNITS.setdefault(code, ("money", None))
        if code not in SURFACE_FORMS:
            SURFACE_FORMS[code] = code
            CASE_SENSITIVE.add(code.lower())
        words = name.lower().split()
        if len(words) < 2 or any(not w.isalpha() for w in words) or "unit" in words:
            continue
        for form in (" ".join(words), " ".join(words[:-1] + [words[-1] + "s"])):
            SURFACE_FORMS.setdefault(form, code)
_add("cent", "cents", "cent")
_add("B", "bytes", "byte")
_add("t", "t")
_add("L", "L")
_add("cL", "centilitres", "centiliters", "centilitre", "centiliter", "cl", "cL")
_add("Wh", "watt hours", "watt-hours", "watt hour", "Wh")
_add("%", "percentage points of")  # never reached: keeps the form list sorted by length
del SURFACE_FORMS["percentage points of"]
_add("penny", "pence", "pennies", "penny")

#: Short forms that are only units in exactly this case ("mi", not "MI").
CASE_SENSITIVE = {"bpd", "bopd", "m", "mi", "ha", "min", "sec", "kn", "c", "f", "pc", "bp", "bps", "rand", "lira",
                  "kb", "mb", "gb", "tb", "dm", "tsp", "cup", "bit",
                  "baht", "naira", "ringgit", "rupiah", "koruna", "ml", "t", "l", "cl"}

_iso_currencies()


def _powers_of_length() -> None:
    """Areas and volumes of every length unit, in the ways writers put them:
    "square feet", "sq km", "km squared", "km^2", and "cubic metres", "cu ft",
    "km cubed", "km^3" (a form already listed keeps its meaning)."""
    lengths = [(form, sym) for form, sym in SURFACE_FORMS.items()
               if UNITS.get(sym, ("",))[0] == "length"]
    for power, mark, kind, words, after in ((2, "²", "area", ("square", "sq", "sq."), "squared"),
                                            (3, "³", "volume", ("cubic", "cu", "cu."), "cubed")):
        for form, sym in lengths:
            new = sym + mark
            UNITS.setdefault(new, (kind, f"{UNITS[sym][1]}**{power}"))
            forms = [f"{w} {form}" for w in words] + [f"{form} {after}"]
            if " " not in form and len(form) <= 3:  # a symbol: "km^2", "m^3"
                forms += [f"{form}^{power}", f"{form}{mark}"]
            for written in forms:
                SURFACE_FORMS.setdefault(written, new)


_powers_of_length()

#: SI prefixes and the symbols they go with, for units written as symbols that
#: the tables above do not list ("1.7 eV", "2.8 GHz", "14 mGy", "50 W/min"):
#: such a symbol is read by pint (see :func:`symbol_unit`).
_SI_PREFIXES = ("", "Y", "Z", "E", "P", "T", "G", "M", "k", "h", "da", "d", "c", "m", "µ", "μ",
                "u", "n", "p", "f", "a")
_SI_BASES = ("m", "g", "s", "L", "W", "Wh", "J", "eV", "Hz", "V", "A", "Pa", "B", "b", "Gy",
             "Sv", "Bq", "N", "t", "cd", "mol", "K", "bar", "lm", "lx", "Ω", "F", "H", "T",
             "C", "Wb", "S", "cal", "bit")
#: Symbols that are also words or times of day: never read as units.
_NOT_SYMBOLS = {"am", "pm", "Am", "Pm", "AM", "PM", "Ms", "MS", "as", "at", "ha", "da", "Da", "Mb",
                "ms", "Pa", "PA", "mm", "kt", "cd", "Sv", "T", "N", "A", "V", "C", "F", "H", "S", "K", "B",
                "b", "g", "s", "m", "t", "L", "W", "J", "Tm", "EB", "Eb", "Gs", "dB"}
_SYMBOLS = sorted({p + b for p in _SI_PREFIXES for b in _SI_BASES
                   if (p + b) not in _NOT_SYMBOLS and len(p + b) >= 2}
                  | {"ka", "Ma", "Ga"}, key=len, reverse=True)  # thousands..billions of years
_ATOM = "(?:" + "|".join(re.escape(x) for x in _SYMBOLS) + ")"
_POWER = r"(?:\^?[-−]?[1-4](?![\d.,]))?"
#: A unit symbol or a product/quotient of symbols: "GHz", "W/min", "J/m^2",
#: "km/s2", "s-1", "fb−1".
SYMBOL_RE = (rf"(?:{_ATOM}{_POWER}(?:/(?:{_ATOM}|m|s|g|h|L|min|hr){_POWER})*"
             rf"|(?:m|s|g|t|W|J|N|L|B)(?:{_POWER}/(?:{_ATOM}|m|s|g|h|min|hr){_POWER})+"
             r"|(?:m|s|g)\^?[-−][1-4](?![\d.,]))")
_SYMBOL_FULL = re.compile(SYMBOL_RE)

#: pint dimensionality → figure type, for units read from their symbols.
_DIMENSION_TYPES = {
    "[length]": "length", "[length] ** 2": "area", "[length] ** 3": "volume",
    "[mass]": "mass", "[time]": "duration", "[length] / [time]": "speed",
    "[mass] * [length] ** 2 / [time] ** 2": "energy",
    "[mass] * [length] ** 2 / [time] ** 3": "power", "[temperature]": "temperature",
    "1 / [time]": "frequency",
}


def symbol_unit(written: str) -> str | None:
    """A unit written as an SI symbol that pint knows ("eV", "GHz", "mGy",
    "W/min", "J/m^2"), registered in :data:`UNITS` on first sight under its
    written form; None when it is no such symbol (or a word such as "am")."""
    if written in _READ_SYMBOLS:
        return _READ_SYMBOLS[written]
    _READ_SYMBOLS[written] = None
    if not _SYMBOL_FULL.fullmatch(written) or written in SURFACE_FORMS:
        return None
    expr = re.sub(r"\^?([-−]?\d)", lambda m: "**" + m.group(1).replace("−", "-"), written)
    try:
        ureg = registry()
        quantity = ureg.Quantity(1, ureg.parse_units(expr))
    except Exception:  # noqa: BLE001 - pint raises several kinds for unknown units
        return None
    dims = str(quantity.dimensionality)
    unit_kind = _DIMENSION_TYPES.get(dims, "data" if "byte" in str(quantity.units) or
                                     "bit" in str(quantity.units) else "measure")
    UNITS.setdefault(written, (unit_kind, expr))
    _READ_SYMBOLS[written] = written
    return written


_READ_SYMBOLS: dict[str, str | None] = {}

#: Currency written before the number → ISO code.
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR",
    "£": "GBP", "GBP": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH", "₹": "INR",
    "A$": "AUD", "C$": "CAD", "CA$": "CAD", "AU$": "AUD", "Rs": "INR", "Rs.": "INR",
    "CHF": "CHF", "HK$": "HKD", "S$": "SGD", "NZ$": "NZD", "R$": "BRL", "Mex$": "MXN",
    "₦": "NGN", "₩": "KRW", "₪": "ILS", "₺": "TRY", "฿": "THB", "₱": "PHP", "Rp": "IDR",
}

# spaced forms ("C $ 300", "HK $ 10", tokenised text) and code-dollar forms
# ("USD$ 15", "CAD$", "MXN$"): every currency whose English name is a dollar or a peso
for _prefix, _code in [(p, c) for p, c in CURRENCY_PREFIXES.items() if p.endswith("$") and len(p) > 2]:
    CURRENCY_PREFIXES.setdefault(_prefix[:-1] + " $", _code)  # not "A $" / "S $": "a $5 fee"
CURRENCY_PREFIXES.setdefault("C $", "CAD")
for _cur in __import__("pycountry").currencies:
    if _cur.name.split()[-1] in ("Dollar", "Peso"):
        CURRENCY_PREFIXES.setdefault(_cur.alpha_3 + "$", _cur.alpha_3)
#: Currency signs written after the number: "10 $", "15€", "100元".
for _sign, _code in (("$", "USD"), ("£", "GBP"), ("¥", "JPY"), ("元", "CNY"), ("₹", "INR"),
                     ("₽", "RUB"), ("₴", "UAH"), ("₩", "KRW"), ("₪", "ILS"), ("₺", "TRY"),
                     ("₡", "CRC"), ("₾", "GEL"), ("₭", "LAK"), ("₿", "BTC"), ("₦", "NGN"),
                     ("ரூ", "LKR")):
    SURFACE_FORMS.setdefault(_sign, _code)
    CURRENCY_PREFIXES.setdefault(_sign, _code)

CURRENCY_PREFIX_RE = "|".join(re.escape(p) for p in
                              sorted(CURRENCY_PREFIXES, key=len, reverse=True))
UNIT_RE = "|".join(re.escape(f) for f in sorted(SURFACE_FORMS, key=len, reverse=True)) \
    + "|" + SYMBOL_RE


def normalise_unit(written: str) -> str | None:
    """The canonical symbol for a unit as written: ``"square kilometres"`` →
    ``"km²"``; ``"per cent"`` → ``"%"``. None when it is not a unit."""
    text = re.sub(r"\s+", " ", written.strip())
    if text in SURFACE_FORMS:
        return SURFACE_FORMS[text]
    symbol = symbol_unit(text)
    if symbol:
        return symbol
    lowered = text.lower()
    if lowered in CASE_SENSITIVE:
        return None
    return SURFACE_FORMS.get(lowered)


def unit_type(symbol: str | None) -> str | None:
    """The figure type of a canonical unit ("km²" → "area")."""
    return UNITS.get(symbol, (None, None))[0] if symbol else None


@lru_cache(maxsize=1)
def registry():
    """The shared pint ``UnitRegistry`` (built once; it is slow to create)."""
    import pint

    return pint.UnitRegistry()


def convertible(a: str | None, b: str | None) -> bool:
    """Whether pint can convert between two canonical units."""
    if not a or not b or a not in UNITS or b not in UNITS:
        return False
    pa, pb = UNITS[a][1], UNITS[b][1]
    if pa is None or pb is None:
        return False
    ureg = registry()
    return ureg(pa).dimensionality == ureg(pb).dimensionality


def convert(value: float, from_unit: str, to_unit: str, *, change: bool = False) -> float:
    """Convert ``value`` between canonical units (``convert(200, "km²", "mi²")``
    → 77.22). ``change``: the value is a difference, which matters for
    temperatures (a rise of 3 °F is 1.7 °C; a reading of 3 °F is -16.1 °C).
    Raises TK130 for a unit toolkit does not know, TK131 when the two measure
    different things (or one is a currency)."""
    for unit in (from_unit, to_unit):
        if unit not in UNITS:
            raise ToolkitError("TK130", unit=unit)
    if not convertible(from_unit, to_unit):
        raise ToolkitError("TK131", a=from_unit, b=to_unit)
    ureg = registry()
    names = [UNITS[from_unit][1], UNITS[to_unit][1]]
    if change and UNITS[from_unit][0] == "temperature":
        names = [n if n == "kelvin" else f"delta_{n}" for n in names]
    quantity = ureg.Quantity(value, ureg(names[0]).units)
    return float(quantity.to(ureg(names[1]).units).magnitude)

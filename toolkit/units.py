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
    "tbsp": ("volume", "tablespoon"), "tsp": ("volume", "teaspoon"), "cup": ("volume", "cup"),
    # data
    "B": ("data", "byte"), "kB": ("data", "kilobyte"), "MB": ("data", "megabyte"),
    "GB": ("data", "gigabyte"), "TB": ("data", "terabyte"), "bit": ("data", "bit"),
    # volume
    "ft³": ("volume", "foot**3"), "L": ("volume", "liter"), "mL": ("volume", "milliliter"),
    "m³": ("volume", "meter**3"), "gal": ("volume", "gallon"),
    "bbl": ("volume", "oil_barrel"),
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
_add("bit", "bits", "bit")
_add("L", "litres", "liters", "litre", "liter")
_add("mL", "millilitres", "milliliters", "millilitre", "milliliter", "ml")
_add("m³", "cubic meters", "cubic metres", "cubic meter", "cubic metre", "m3", "m³")
_add("gal", "gallons", "gallon")
_add("ft³", "cubic feet", "cubic foot", "cu ft", "ft³", "ft3")
_add("bbl", "barrels", "barrel")
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
_add("penny", "pence", "pennies", "penny")

#: Short forms that are only units in exactly this case ("mi", not "MI").
CASE_SENSITIVE = {"m", "mi", "ha", "min", "sec", "kn", "c", "f", "pc", "bp", "bps", "rand", "lira",
                  "kb", "mb", "gb", "tb", "dm", "tsp", "cup", "bit",
                  "baht", "naira", "ringgit", "rupiah", "koruna", "ml"}

_iso_currencies()

#: Currency written before the number → ISO code.
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR",
    "£": "GBP", "GBP": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH", "₹": "INR",
    "A$": "AUD", "C$": "CAD", "CA$": "CAD", "AU$": "AUD", "Rs": "INR", "Rs.": "INR",
    "CHF": "CHF", "HK$": "HKD", "S$": "SGD", "NZ$": "NZD", "R$": "BRL", "Mex$": "MXN",
    "₦": "NGN", "₩": "KRW", "₪": "ILS", "₺": "TRY", "฿": "THB", "₱": "PHP", "Rp": "IDR",
}

CURRENCY_PREFIX_RE = "|".join(re.escape(p) for p in
                              sorted(CURRENCY_PREFIXES, key=len, reverse=True))
UNIT_RE = "|".join(re.escape(f) for f in sorted(SURFACE_FORMS, key=len, reverse=True))


def normalise_unit(written: str) -> str | None:
    """The canonical symbol for a unit as written: ``"square kilometres"`` →
    ``"km²"``; ``"per cent"`` → ``"%"``. None when it is not a unit."""
    text = re.sub(r"\s+", " ", written.strip())
    if text in SURFACE_FORMS:
        return SURFACE_FORMS[text]
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


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert ``value`` between canonical units (``convert(200, "km²", "mi²")``
    → 77.22). Raises TK130 for a unit toolkit does not know, TK131 when the two
    measure different things (or one is a currency)."""
    for unit in (from_unit, to_unit):
        if unit not in UNITS:
            raise ToolkitError("TK130", unit=unit)
    if not convertible(from_unit, to_unit):
        raise ToolkitError("TK131", a=from_unit, b=to_unit)
    ureg = registry()
    quantity = ureg.Quantity(value, ureg(UNITS[from_unit][1]).units)
    return float(quantity.to(ureg(UNITS[to_unit][1]).units).magnitude)

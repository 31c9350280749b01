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
    "g": ("mass", "gram"), "lb": ("mass", "pound"), "oz": ("mass", "ounce"),
    # volume
    "L": ("volume", "liter"), "m³": ("volume", "meter**3"), "gal": ("volume", "gallon"),
    "bbl": ("volume", "oil_barrel"),
    # speed
    "km/h": ("speed", "kilometer/hour"), "mph": ("speed", "mile/hour"),
    "kn": ("speed", "knot"), "m/s": ("speed", "meter/second"),
    # temperature
    "°C": ("temperature", "degree_Celsius"), "°F": ("temperature", "degree_Fahrenheit"),
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
    "%": ("percent", "percent"), "pp": ("percent", None),
    # money (no exchange rates: never converted)
    "USD": ("money", None), "EUR": ("money", None), "GBP": ("money", None),
    "JPY": ("money", None), "CNY": ("money", None), "RUB": ("money", None),
    "UAH": ("money", None), "INR": ("money", None), "CHF": ("money", None),
    "CAD": ("money", None), "AUD": ("money", None),
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
_add("m", "meters", "metres", "meter", "metre")
_add("cm", "centimeters", "centimetres", "centimeter", "centimetre", "cm")
_add("mm", "millimeters", "millimetres", "millimeter", "millimetre", "mm")
_add("ft", "feet", "foot", "ft")
_add("in", "inches", "inch")
_add("yd", "yards", "yard")
_add("t", "tonnes", "tonne", "metric tons", "metric ton", "metric tonnes")
_add("ton", "tons", "ton")
_add("kg", "kilograms", "kilogrammes", "kilogram", "kilogramme", "kilos", "kg", "kgs")
_add("g", "grams", "grammes", "gram", "gramme")
_add("lb", "pounds", "pound", "lbs", "lb")
_add("oz", "ounces", "ounce", "oz")
_add("L", "litres", "liters", "litre", "liter")
_add("m³", "cubic meters", "cubic metres", "cubic meter", "cubic metre", "m3", "m³")
_add("gal", "gallons", "gallon")
_add("bbl", "barrels", "barrel")
_add("km/h", "kilometers per hour", "kilometres per hour", "kilometers an hour",
     "kilometres an hour", "km/h", "kmh", "kph")
_add("mph", "miles per hour", "miles an hour", "mph")
_add("kn", "knots", "knot")
_add("m/s", "meters per second", "metres per second", "m/s")
_add("°C", "degrees celsius", "degrees centigrade", "°c", "ºc")
_add("°F", "degrees fahrenheit", "°f", "ºf")
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
_add("%", "%", "percent", "per cent", "pct")
_add("pp", "percentage points", "percentage point")
_add("USD", "dollars", "dollar", "usd", "us dollars", "u.s. dollars")
_add("EUR", "euros", "euro", "eur")
_add("GBP", "pounds sterling", "sterling", "gbp")
_add("JPY", "yen", "jpy")
_add("CNY", "yuan", "renminbi", "cny")
_add("RUB", "roubles", "rubles", "rouble", "ruble", "rub")
_add("UAH", "hryvnias", "hryvnia", "hryvnas", "uah")
_add("INR", "rupees", "rupee", "inr")
_add("CHF", "swiss francs", "chf")

#: Short forms that are only units in exactly this case ("mi", not "MI").
CASE_SENSITIVE = {"mi", "ha", "min", "sec", "kn"}

#: Currency written before the number → ISO code.
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR",
    "£": "GBP", "GBP": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH", "₹": "INR",
    "A$": "AUD", "C$": "CAD", "CA$": "CAD", "AU$": "AUD", "Rs": "INR", "Rs.": "INR",
    "CHF": "CHF",
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

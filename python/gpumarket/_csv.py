"""Reading gpumarket's CSV files exactly."""

from pathlib import Path
from typing import Any

import pandas as pd

# gpumarket writes every number in its shortest round-trip form. pandas before 3 parses floats
# with a fast parser that can be off in the last digit unless asked for round-trip parsing;
# pandas 3 parses exactly and deprecates the option.
EXACT_FLOATS = {} if int(pd.__version__.split(".")[0]) >= 3 else {"float_precision": "round_trip"}


def read_csv(path: Path, **options: Any) -> pd.DataFrame:
    """A CSV file gpumarket wrote. Only the ``na_values`` given are NaN (not pandas' default list,
    so an entity named "NA" stays a name), and numbers are parsed exactly."""
    return pd.read_csv(path, keep_default_na=False, **EXACT_FLOATS, **options)

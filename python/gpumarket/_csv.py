"""Reading gpumarket's CSV files exactly."""

import pandas as pd

# gpumarket writes every number in its shortest round-trip form. pandas before 3 parses floats
# with a fast parser that can be off in the last digit unless asked for round-trip parsing;
# pandas 3 parses exactly and deprecates the option.
EXACT_FLOATS = {} if int(pd.__version__.split(".")[0]) >= 3 else {"float_precision": "round_trip"}

// Scenario files: loading and validation.

"""The natural-language evaluation set (issue 14): generate.py makes cases.yaml; see its docstring."""

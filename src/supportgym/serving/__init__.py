"""Serving policies: ONNX export (torch, on use) and the runtime that decides without torch."""

"""orbat: open-source order of battle.

Turns conflict and terrorism reporting into a sourced, time-aware knowledge base of
armed groups, people, places and events.
"""

__version__ = "0.1.0"

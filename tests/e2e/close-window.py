"""Asks X windows to close the way a window manager does when its close
button or Alt+F4 is pressed (a WM_DELETE_WINDOW client message): every
window whose title contains the argument. Prints how many were asked; exits
1 when no window has such a title."""
import sys

from Xlib import X, display
from Xlib.protocol import event


def title(win):
    prop = win.get_full_property(d.intern_atom("_NET_WM_NAME"), 0)
    return bytes(prop.value).decode("utf-8", "replace") if prop else ""


def find(win, name, found):
    if name in title(win):
        found.append(win)
    for child in win.query_tree().children:
        find(child, name, found)
    return found


d = display.Display()
targets = find(d.screen().root, sys.argv[1], [])
if not targets:
    sys.exit(1)
protocols = d.intern_atom("WM_PROTOCOLS")
delete = d.intern_atom("WM_DELETE_WINDOW")
for target in targets:
    message = event.ClientMessage(
        window=target, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
    )
    target.send_event(message, event_mask=X.NoEventMask)
d.flush()
print(len(targets))

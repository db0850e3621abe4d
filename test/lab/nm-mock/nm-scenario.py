#!/usr/bin/python3
"""Give python-dbusmock's NetworkManager template one Wi-Fi scenario, for the real nmcli to read.

Usage: nm-scenario.py <scenario> <bus address> <wifi interface> <wired interface>

Scenarios: open wep wpa1 wpa2 wpa2-tkip mixed wpa3 transition enterprise owe (connected to that network),
eviltwin (connected to wpa2, with an open access point nearby under the same name),
disconnected (Wi-Fi adapter, no connection), ethernet-only (no Wi-Fi adapter at all).
Every scenario but ethernet-only lists the same ten access points. Their security is set through
NetworkManager's D-Bus API (AccessPoint Flags, WpaFlags, RsnFlags = NM80211ApSecurityFlags, see
https://networkmanager.dev/docs/api/latest/nm-dbus-types.html); nmcli derives its SECURITY column
and flag words from them itself. Values (SSIDs, BSSIDs, frequencies, signal) are made up here.
"""
import sys

import dbus

scenario, address, wifi_if, wired_if = sys.argv[1:5]
bus = dbus.bus.BusConnection(address)
NM = 'org.freedesktop.NetworkManager'
mock = dbus.Interface(bus.get_object(NM, '/org/freedesktop/NetworkManager'), 'org.freedesktop.DBus.Mock')
WIRELESS = NM + '.Device.Wireless'
AP = NM + '.AccessPoint'
ACTIVATED, DISCONNECTED, UNAVAILABLE = 100, 30, 20

# NM80211ApSecurityFlags
P_TKIP, P_CCMP, G_TKIP, G_CCMP = 0x4, 0x8, 0x40, 0x80
PSK, EAP, SAE, OWE = 0x100, 0x200, 0x400, 0x800

# name: (ssid, bssid, frequency MHz, max bitrate kb/s, strength %, privacy flag, WpaFlags, RsnFlags)
ACCESS_POINTS = {
    'open': ('CafeFree', 'A0:B1:C2:00:00:01', 2437, 54000, 70, 0, 0, 0),
    'wep': ('OldRouter-WEP', 'A0:B1:C2:00:00:02', 2412, 54000, 64, 1, 0, 0),
    'wpa1': ('Legacy-TKIP', 'A0:B1:C2:00:00:03', 2462, 54000, 58, 1, P_TKIP | G_TKIP | PSK, 0),
    'wpa2': ('aterm-home-g', 'A0:B1:C2:00:00:04', 2412, 130000, 81, 1, 0, P_CCMP | G_CCMP | PSK),
    'wpa2-tkip': ('WPA2-TKIP-only', 'A0:B1:C2:00:00:0A', 2452, 54000, 40, 1, 0, P_TKIP | G_TKIP | PSK),
    'mixed': ('Mixed-WPA1-2', 'A0:B1:C2:00:00:05', 2437, 130000, 45, 1, P_TKIP | P_CCMP | G_TKIP | PSK, P_TKIP | P_CCMP | G_TKIP | PSK),
    'wpa3': ('Home-WPA3', 'A0:B1:C2:00:00:06', 5180, 540000, 77, 1, 0, P_CCMP | G_CCMP | SAE),
    'transition': ('Home-WPA2-WPA3', 'A0:B1:C2:00:00:07', 5500, 540000, 62, 1, 0, P_CCMP | G_CCMP | PSK | SAE),
    'enterprise': ('Corp-802.1X', 'A0:B1:C2:00:00:08', 5240, 270000, 66, 1, 0, P_CCMP | G_CCMP | EAP),
    'owe': ('Enhanced-Open', 'A0:B1:C2:00:00:09', 5745, 270000, 50, 1, 0, P_CCMP | G_CCMP | OWE),
}

if scenario == 'ethernet-only':
    mock.AddEthernetDevice('eth0', wired_if, ACTIVATED)
    sys.exit(0)
# eviltwin: connected to the WPA2 home network while an open access point nearby uses its name.
if scenario == 'eviltwin':
    ACCESS_POINTS['twin'] = ('aterm-home-g', 'A0:B1:C2:00:00:0B', 2437, 54000, 88, 0, 0, 0)
    scenario = 'wpa2'
if scenario != 'disconnected' and scenario not in ACCESS_POINTS:
    sys.exit(f'unknown scenario {scenario}')

mock.AddEthernetDevice('eth0', wired_if, UNAVAILABLE)
device = mock.AddWiFiDevice('wlan0', wifi_if, DISCONNECTED if scenario == 'disconnected' else ACTIVATED)
dbus.Interface(bus.get_object(NM, device), 'org.freedesktop.DBus.Mock').AddProperty(WIRELESS, 'ActiveAccessPoint', dbus.ObjectPath('/'))
paths = {name: mock.AddAccessPoint(device, name.replace('-', ''), ap[0], ap[1], 2, ap[2], ap[3], ap[4], 0) for name, ap in ACCESS_POINTS.items()}
# The template's AddWiFiConnection understands only WPA-PSK flags: add the saved connection
# while the access point still has none, then give every access point its real flags.
connection = mock.AddWiFiConnection(device, 'c' + scenario.replace('-', ''), ACCESS_POINTS[scenario][0], '') if scenario in ACCESS_POINTS else None
for name, (_ssid, _bssid, _freq, _rate, _strength, privacy, wpa, rsn) in ACCESS_POINTS.items():
    mock.SetProperty(paths[name], AP, 'Flags', dbus.UInt32(privacy, variant_level=1))
    mock.SetProperty(paths[name], AP, 'WpaFlags', dbus.UInt32(wpa, variant_level=1))
    mock.SetProperty(paths[name], AP, 'RsnFlags', dbus.UInt32(rsn, variant_level=1))
if connection is not None:
    mock.AddActiveConnection([device], connection, paths[scenario], 'a' + scenario.replace('-', ''), 2)
    mock.SetProperty(device, WIRELESS, 'ActiveAccessPoint', dbus.ObjectPath(paths[scenario], variant_level=1))

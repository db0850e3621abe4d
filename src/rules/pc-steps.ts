import type {PerOs} from './os-steps.js'

/*
 * Where things are on the work PC, per OS: Windows 11 Settings, macOS 13 (Ventura) and later
 * System Settings, and GNOME Settings / NetworkManager (nmcli) on Linux. Menu names are those the
 * OS shows in each language.
 */

/** How to see the security type of the connected Wi-Fi. */
export const CHECK_WIFI_SECURITY: PerOs = {
  windows: {
    ja: ['「設定」→「ネットワークとインターネット」→「Wi-Fi」→ 接続中のネットワークの「プロパティ」で「セキュリティの種類」を確認します。'],
    en: ['Settings → Network & internet → Wi-Fi → the connected network\'s "Properties" shows its "Security type".'],
  },
  macos: {
    ja: ['option キーを押しながらメニューバーの Wi-Fi アイコンをクリックすると、接続中のネットワークの「セキュリティ」が表示されます。'],
    en: ['Option-click the Wi-Fi icon in the menu bar: the connected network\'s "Security" is shown.'],
  },
  linux: {
    ja: ['「設定」→「Wi-Fi」→ 接続中のネットワークの歯車アイコン →「セキュリティ」で確認します（端末では nmcli -f IN-USE,SSID,SECURITY dev wifi）。'],
    en: ['Settings → Wi-Fi → the gear icon of the connected network → "Security" (in a terminal: nmcli -f IN-USE,SSID,SECURITY dev wifi).'],
  },
}

/** How to stop the PC from joining an unsafe Wi-Fi again. */
export const FORGET_WIFI: PerOs = {
  windows: {
    ja: ['「設定」→「ネットワークとインターネット」→「Wi-Fi」→「既知のネットワークの管理」で、このネットワークを「削除」します。'],
    en: ['Settings → Network & internet → Wi-Fi → "Manage known networks": "Forget" this network.'],
  },
  macos: {
    ja: ['「システム設定」→「Wi-Fi」→ このネットワークの「詳細...」→「このネットワーク設定を削除」を選びます。'],
    en: ['System Settings → Wi-Fi → this network\'s "Details…" → "Forget This Network".'],
  },
  linux: {
    ja: ['「設定」→「Wi-Fi」→ このネットワークの歯車アイコン →「接続を削除」を選びます（端末では nmcli connection delete <接続名>）。'],
    en: ['Settings → Wi-Fi → the network\'s gear icon → "Forget Connection" (in a terminal: nmcli connection delete <name>).'],
  },
}

/** How to disconnect from the current Wi-Fi now. */
export const DISCONNECT_WIFI: PerOs = {
  windows: {
    ja: ['タスクバー右端のネットワークアイコン → Wi-Fi の一覧で接続中のネットワークの「切断」を選びます。'],
    en: ['Click the network icon at the right of the taskbar → the Wi-Fi list → "Disconnect" on the connected network.'],
  },
  macos: {
    ja: ['メニューバーの Wi-Fi アイコンから Wi-Fi をオフにするか、別のネットワークを選びます。'],
    en: ['Turn Wi-Fi off, or choose another network, from the Wi-Fi icon in the menu bar.'],
  },
  linux: {
    ja: ['画面右上のシステムメニュー →「Wi-Fi」から切断します（端末では nmcli radio wifi off）。'],
    en: ['Disconnect from the system menu at the top right → "Wi-Fi" (in a terminal: nmcli radio wifi off).'],
  },
}

/** How to use the wired connection instead of Wi-Fi. */
export const USE_WIRED: PerOs = {
  windows: {
    ja: ['LAN ケーブルを挿したら「設定」→「ネットワークとインターネット」→「イーサネット」が「接続済み」になることを確認し、クイック設定で Wi-Fi をオフにします。'],
    en: ['With the cable plugged in, check that Settings → Network & internet → "Ethernet" says "Connected", then turn Wi-Fi off in Quick Settings.'],
  },
  macos: {
    ja: ['LAN ケーブル（または USB-LAN アダプタ）を挿したら「システム設定」→「ネットワーク」で「Ethernet」が「接続済み」になることを確認し、Wi-Fi をオフにします。'],
    en: ['With the cable (or a USB Ethernet adapter) plugged in, check that System Settings → Network shows "Ethernet" as "Connected", then turn Wi-Fi off.'],
  },
  linux: {
    ja: ['LAN ケーブルを挿したら「設定」→「ネットワーク」の「有線」が接続済みになることを確認し、Wi-Fi をオフにします（端末では nmcli radio wifi off）。'],
    en: ['With the cable plugged in, check that Settings → Network → "Wired" is connected, then turn Wi-Fi off (in a terminal: nmcli radio wifi off).'],
  },
}

/** How to connect the company VPN. */
export const CONNECT_VPN: PerOs = {
  windows: {
    ja: ['会社指定の VPN クライアントで接続します。Windows の VPN を使う場合は「設定」→「ネットワークとインターネット」→「VPN」で会社の VPN を「接続」します。'],
    en: ['Connect with the company VPN client; for the built-in Windows VPN use Settings → Network & internet → VPN → "Connect" on the company VPN.'],
  },
  macos: {
    ja: ['会社指定の VPN クライアントで接続します。macOS の VPN を使う場合は「システム設定」→「VPN」で会社の VPN をオンにします。'],
    en: ['Connect with the company VPN client; for a VPN set up in macOS use System Settings → VPN and turn the company VPN on.'],
  },
  linux: {
    ja: ['会社指定の VPN クライアントで接続します。NetworkManager の VPN を使う場合は「設定」→「ネットワーク」→「VPN」のスイッチをオンにします（端末では nmcli connection up <VPN 名>）。'],
    en: ['Connect with the company VPN client; for a NetworkManager VPN use Settings → Network → VPN and switch it on (in a terminal: nmcli connection up <VPN name>).'],
  },
}

/** How to stop sharing a folder with everyone. */
export const STOP_OPEN_SHARES: PerOs = {
  windows: {
    ja: [
      'フォルダーを右クリック →「プロパティ」→「共有」→「詳細な共有」で「このフォルダーを共有する」をオフにするか、「アクセス許可」から Everyone を削除します。',
      '「設定」→「ネットワークとインターネット」→「ネットワークの詳細設定」→「共有の詳細設定」で「パスワード保護共有」をオンにします。',
    ],
    en: [
      'Right-click the folder → Properties → Sharing → Advanced Sharing: clear "Share this folder", or remove Everyone under Permissions.',
      'Settings → Network & internet → Advanced network settings → Advanced sharing settings: turn on "Password protected sharing".',
    ],
  },
  macos: {
    ja: [
      '「システム設定」→「一般」→「共有」で「ファイル共有」をオフにします。共有が必要なら ⓘ ボタンで共有フォルダごとに「全員」を「アクセス不可」にします。',
      '「システム設定」→「ユーザとグループ」→「ゲストユーザ」で「ゲストユーザに共有フォルダへの接続を許可」をオフにします。',
    ],
    en: [
      'System Settings → General → Sharing: turn "File Sharing" off; if sharing is needed, use the ⓘ button to set "Everyone" to "No Access" for each shared folder.',
      'System Settings → Users & Groups → Guest User: turn off "Allow guest users to connect to shared folders".',
    ],
  },
  linux: {
    ja: [
      'ファイル マネージャーで作った共有は端末で net usershare delete <共有名> で削除します。',
      'Samba の設定（/etc/samba/smb.conf）では guest ok = yes を no に変え、sudo systemctl restart smbd で反映します。NFS は /etc/exports から * や全員向けの行を消して sudo exportfs -ra を実行します。',
    ],
    en: [
      'Remove a share made in the file manager with net usershare delete <share> in a terminal.',
      'In the Samba configuration (/etc/samba/smb.conf) change guest ok = yes to no and apply it with sudo systemctl restart smbd; for NFS remove * and world-open lines from /etc/exports and run sudo exportfs -ra.',
    ],
  },
}

/** How to see this PC's own shares. */
export const CHECK_OWN_SHARES: PerOs = {
  windows: {ja: ['「コンピューターの管理」→「共有フォルダー」→「共有」で確認します。'], en: ['Computer Management → Shared Folders → Shares.']},
  macos: {ja: ['「システム設定」→「一般」→「共有」で「ファイル共有」がオンか、共有フォルダと「全員」のアクセス権を確認します。'], en: ['System Settings → General → Sharing: is "File Sharing" on, and what may "Everyone" do with each shared folder?']},
  linux: {ja: ['端末で net usershare info --long と testparm -s を実行し、guest ok = yes の共有がないか確認します。'], en: ['Run net usershare info --long and testparm -s in a terminal: no share may have guest ok = yes.']},
}

/** How to turn disk encryption on. */
export const ENCRYPT_DISK: PerOs = {
  windows: {
    ja: [
      'Windows 11 Pro は「コントロール パネル」→「システムとセキュリティ」→「BitLocker ドライブ暗号化」で C: の「BitLocker を有効にする」を、Home は「設定」→「プライバシーとセキュリティ」→「デバイスの暗号化」をオンにします。',
      '暗号化済みで保護が「オフ」（一時停止）の場合は、同じ画面の「保護の再開」を選びます。',
    ],
    en: [
      'Windows 11 Pro: Control Panel → System and Security → BitLocker Drive Encryption → "Turn on BitLocker" for C:. Home: Settings → Privacy & security → Device encryption → On.',
      'If C: is encrypted but protection is off (suspended), choose "Resume protection" on the same page.',
    ],
  },
  macos: {
    ja: ['「システム設定」→「プライバシーとセキュリティ」→「FileVault」で「オンにする」を選びます（復旧キーの扱いは情報システム担当の指示に従ってください）。'],
    en: ['System Settings → Privacy & Security → FileVault → "Turn On" (handle the recovery key as IT tells you).'],
  },
  linux: {
    ja: ['Linux の LUKS 暗号化は後から有効にできません。情報システム担当に連絡し、ディスク全体を暗号化して再インストールしてもらってください。'],
    en: ['LUKS encryption cannot be switched on afterwards on Linux: ask IT to reinstall the PC with full-disk encryption.'],
  },
}

/** How to see whether the disk is encrypted. */
export const CHECK_DISK_ENCRYPTION: PerOs = {
  windows: {
    ja: ['管理者のコマンドプロンプトで manage-bde -status を実行し、C: の「変換状態」と「保護状態」を確認してください。'],
    en: ['Run manage-bde -status in an administrator prompt and check the Conversion Status and Protection Status of C:.'],
  },
  macos: {
    ja: ['「システム設定」→「プライバシーとセキュリティ」→「FileVault」がオンか確認してください（ターミナルでは fdesetup status）。'],
    en: ['Check that System Settings → Privacy & Security → FileVault is on (in Terminal: fdesetup status).'],
  },
  linux: {
    ja: ['端末で lsblk -f を実行し、/ のファイルシステムが crypto_LUKS の下にあるか確認してください。'],
    en: ['Run lsblk -f in a terminal: the filesystem mounted at / must sit under a crypto_LUKS device.'],
  },
}

/** How to check that ESET or AppGuard protects the PC. */
export const CHECK_SECURITY_SOFTWARE: PerOs = {
  windows: {
    ja: ['タスクトレイの ESET または AppGuard のアイコンを開き、保護が有効か確認します。「Windows セキュリティ」→「ウイルスと脅威の防止」にも有効なウイルス対策ソフトが表示されます。'],
    en: ['Open the ESET or AppGuard icon in the notification area and check that protection is on; Windows Security → "Virus & threat protection" also names the active antivirus.'],
  },
  macos: {
    ja: ['メニューバーの ESET アイコン（または「アプリケーション」フォルダの ESET）を開き、保護の状態が有効か確認します。'],
    en: ['Open the ESET icon in the menu bar (or ESET in the Applications folder) and check that the protection status is on.'],
  },
  linux: {
    ja: ['端末で systemctl status eea を実行し、ESET Endpoint Antivirus が active (running) か確認します。'],
    en: ['Run systemctl status eea in a terminal: ESET Endpoint Antivirus must be active (running).'],
  },
}

/** How to remove a USB drive or other removable storage safely. */
export const EJECT_MEDIA: PerOs = {
  windows: {
    ja: ['エクスプローラーでドライブを右クリックして「取り出し」を選んでから取り外します。'],
    en: ['In File Explorer, right-click the drive and choose "Eject" before unplugging it.'],
  },
  macos: {
    ja: ['Finder のサイドバーでディスクの取り出しボタンを押してから取り外します（ターミナルでは diskutil eject <ディスク名>）。'],
    en: ['Press the eject button next to the disk in the Finder sidebar before unplugging it (in Terminal: diskutil eject <disk>).'],
  },
  linux: {
    ja: ['ファイル マネージャーの取り出しボタンを押してから取り外します（端末では udisksctl unmount -b /dev/sdX1 のあと udisksctl power-off -b /dev/sdX）。'],
    en: ['Press the eject button in the file manager before unplugging it (in a terminal: udisksctl unmount -b /dev/sdX1, then udisksctl power-off -b /dev/sdX).'],
  },
}

/** How to make the screen lock itself within 15 minutes. */
export const SET_SCREEN_LOCK: PerOs = {
  windows: {
    ja: [
      '「設定」→「個人用設定」→「ロック画面」→「スクリーン セーバー」で待ち時間を 15 分以内にし、「再開時にログオン画面に戻る」をオンにします。',
      '「設定」→「システム」→「電源とバッテリー」→「画面とスリープ」で画面をオフにするまでの時間も 15 分以内にします。',
    ],
    en: [
      'Settings → Personalization → Lock screen → Screen saver: a wait of 15 minutes or less, with "On resume, display logon screen" checked.',
      'Settings → System → Power & battery → Screen and sleep: turn the screen off after 15 minutes or less.',
    ],
  },
  macos: {
    ja: ['「システム設定」→「ロック画面」で「使用していない場合はスクリーンセーバを開始」を 15 分以内にし、「スクリーンセーバの開始後またはディスプレイがオフになったあとにパスワードを要求」を「すぐに」にします。'],
    en: ['System Settings → Lock Screen: "Start Screen Saver when inactive" 15 minutes or less, and "Require password after screen saver begins or display is turned off" set to "Immediately".'],
  },
  linux: {
    ja: [
      '「設定」→「プライバシー」（GNOME 46 以降は「プライバシーとセキュリティ」）→「画面ロック」で「自動画面ロック」をオンにし、「設定」→「電源」で画面をブランクにするまでの時間を 15 分以内にします。',
      '端末では gsettings set org.gnome.desktop.session idle-delay 900 と gsettings set org.gnome.desktop.screensaver lock-enabled true です。',
    ],
    en: [
      'Settings → Privacy (GNOME 46 and later: Privacy & Security) → Screen Lock: turn "Automatic Screen Lock" on; Settings → Power: blank the screen after 15 minutes or less.',
      'In a terminal: gsettings set org.gnome.desktop.session idle-delay 900 and gsettings set org.gnome.desktop.screensaver lock-enabled true.',
    ],
  },
}

/** How to lock the screen by hand. */
export const LOCK_NOW: PerOs = {
  windows: {ja: ['離席するときは Windows キー + L で画面をロックします。'], en: ['Lock the screen with Windows key + L whenever you leave the PC.']},
  macos: {ja: ['離席するときは control + command + Q で画面をロックします。'], en: ['Lock the screen with Control + Command + Q whenever you leave the Mac.']},
  linux: {ja: ['離席するときは Super キー + L で画面をロックします。'], en: ['Lock the screen with Super + L whenever you leave the PC.']},
}
